package io.bosun.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.testkit.BosunApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl 1.32 against the test kit's apiserver, with the admin kubeconfig. */
public final class Kubectl {
  static final String BINARY = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

  /** What one kubectl run printed and how it exited. */
  public record Result(int exit, String out, String err) {}

  private final Path dir;
  private final Path kubeconfig;
  private final String namespace;

  /** kubectl for {@code server}, working in {@code namespace}. */
  public Kubectl(BosunApiServer server, String namespace) throws IOException {
    this.dir = Files.createTempDirectory("bosun-kubectl");
    this.kubeconfig = server.kubeconfig();
    this.namespace = namespace;
  }

  /** Writes a file into this kubectl's directory and returns its path. */
  public Path file(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  /** Writes {@code yaml} to a file named {@code name} and {@code kubectl apply}s it. */
  public String apply(String name, String yaml) throws Exception {
    return ok("apply", "-f", file(name, yaml).toString());
  }

  public Result run(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(BINARY, "--kubeconfig", kubeconfig.toString(), "-n", namespace));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // A private HOME keeps kubectl's discovery cache out of the user's ~/.kube.
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs kubectl and requires it to succeed; returns its standard output. */
  public String ok(String... args) throws Exception {
    Result result = run(args);
    assertThat(result.exit())
        .as("kubectl %s: %s%s", String.join(" ", args), result.out(), result.err())
        .isZero();
    return result.out();
  }
}
