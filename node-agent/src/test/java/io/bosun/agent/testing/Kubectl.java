package io.bosun.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl 1.32, pointed at the test apiserver's kubeconfig. */
public final class Kubectl {
  /** The pinned kubectl. */
  public static final String BINARY = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

  /** What a finished kubectl printed. */
  public record Result(int exitCode, String out, String err) {}

  private final Path kubeconfig;
  private final Path workDir;

  /** kubectl with {@code kubeconfig}, keeping its files in {@code workDir}. */
  public Kubectl(Path kubeconfig, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  /** Runs kubectl to completion (at most a minute). */
  public Result run(String... args) {
    try {
      Path out = Files.createTempFile(workDir, "kubectl", ".out");
      Path err = Files.createTempFile(workDir, "kubectl", ".err");
      Process process = start(out, err, args);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
      return new Result(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs kubectl and fails unless it succeeded; returns its output. */
  public String succeed(String... args) {
    Result result = run(args);
    assertThat(result.exitCode()).as("kubectl %s: %s", List.of(args), result.err()).isZero();
    return result.out();
  }

  /** Starts kubectl without waiting, its output going to {@code out}. */
  public Process background(Path out, String... args) {
    try {
      return start(out, Files.createTempFile(workDir, "kubectl", ".err"), args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** A file's text. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
