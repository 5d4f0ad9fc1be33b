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
    List<String> command = new ArrayList<>(List.of(BINARY, "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // A private HOME keeps kubectl's discovery cache out of the user's ~/.kube.
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
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
