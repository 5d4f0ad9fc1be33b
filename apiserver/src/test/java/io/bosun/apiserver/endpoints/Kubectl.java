package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/** Runs the real kubectl 1.32 against the Quarkus test server, with a kubeconfig of its own. */
final class Kubectl {
  static final String BINARY = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

  /** What one kubectl run printed and how it exited. */
  record Result(int exit, String out, String err) {}

  final Path dir;
  private final Path kubeconfig;
  private int runs;

  /** Runs kubectl with an existing kubeconfig (a server started as a process writes one). */
  Kubectl(Path kubeconfig) throws IOException {
    this.dir = Files.createTempDirectory("bosun-kubectl");
    this.kubeconfig = kubeconfig;
  }

  Kubectl() throws IOException {
    dir = Files.createTempDirectory("bosun-kubectl");
    kubeconfig = dir.resolve("kubeconfig");
    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: bosun
          cluster:
            server: https://localhost:%s
            insecure-skip-tls-verify: true
        users:
        - name: admin
          user:
            token: %s
        contexts:
        - name: bosun
          context:
            cluster: bosun
            user: admin
        current-context: bosun
        """
            .formatted(port, EmbeddedPostgresResource.TOKEN));
  }

  /** Writes a file into this kubectl's directory and returns its path. */
  Path file(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  Result run(String... args) throws Exception {
    Background run = start("out", args);
    assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return run.result();
  }

  /**
   * Starts kubectl without waiting for it, for commands that run until something happens ({@code
   * get --watch}, {@code wait}); the test changes objects meanwhile, then stops or awaits it.
   */
  Background start(String... args) throws IOException {
    return start("bg-" + runs++, args);
  }

  private Background start(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(BINARY, "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // A private HOME keeps kubectl's discovery cache out of the user's ~/.kube.
    builder.environment().put("HOME", dir.toString());
    return new Background(builder.start(), out, err);
  }

  /** A kubectl run in the background; closing it stops kubectl if it still runs. */
  static final class Background implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private Background(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** What kubectl has printed so far. */
    String output() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** What kubectl has logged to standard error so far ({@code -v=6} logs each request). */
    String log() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits up to {@code seconds} for kubectl to exit by itself and returns what it printed. */
    Result await(int seconds) throws Exception {
      assertThat(process.waitFor(seconds, TimeUnit.SECONDS))
          .as("kubectl finished within %d s; printed %s", seconds, output())
          .isTrue();
      return result();
    }

    /** Stops kubectl and returns what it printed. */
    Result stop() throws Exception {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("kubectl stopped").isTrue();
      return result();
    }

    private Result result() throws IOException {
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  /**
   * Starts kubectl in the background (a watch, for example); its standard output goes to {@code
   * out}.
   */
  Process start(Path out, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(BINARY, "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("background-err").toFile());
    builder.environment().put("HOME", dir.toString());
    return builder.start();
  }

  /** Runs kubectl and requires it to succeed; returns its standard output. */
  String ok(String... args) throws Exception {
    Result result = run(args);
    assertThat(result.exit()).as("kubectl %s: %s", String.join(" ", args), result.err()).isZero();
    return result.out();
  }
}
