package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl 1.32, pointed at the kubeconfig that {@code bosun server} wrote. */
final class Kubectl {
  static final String BINARY = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

  /** What a finished kubectl printed. */
  record Result(int exitCode, String out, String err) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path kubeconfig;
  private final Path workDir;

  Kubectl(Path kubeconfig, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  /** Runs kubectl to completion. */
  Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "kubectl", ".out");
    Path err = Files.createTempFile(workDir, "kubectl", ".err");
    Process process = start(out, err, args);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new Result(process.exitValue(), read(out), read(err));
  }

  /** Runs kubectl to completion and fails unless it succeeded; returns its output. */
  String succeed(String... args) throws IOException, InterruptedException {
    Result result = run(args);
    assertThat(result.exitCode()).as("kubectl %s: %s", List.of(args), result.err()).isZero();
    return result.out();
  }

  /** Applies {@code yaml} in namespace {@code namespace}. */
  void apply(String namespace, String yaml) throws IOException, InterruptedException {
    Path file = Files.createTempFile(workDir, "manifest", ".yaml");
    Files.writeString(file, yaml);
    succeed("apply", "-n", namespace, "-f", file.toString());
  }

  /** Runs kubectl with {@code -o json} and returns the parsed output. */
  JsonNode json(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("-o", "json"));
    return JSON.readTree(succeed(command.toArray(String[]::new)));
  }

  /** Starts a long-running kubectl (a watch) writing to {@code out}. */
  Process background(Path out, String... args) throws IOException {
    return start(out, Files.createTempFile(workDir, "kubectl", ".err"), args);
  }

  private Process start(Path out, Path err, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(BINARY, "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // A private HOME keeps kubectl's discovery cache out of the user's ~/.kube.
    builder.environment().put("HOME", workDir.toString());
    return builder.start();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
