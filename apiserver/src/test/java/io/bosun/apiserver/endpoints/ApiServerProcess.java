package io.bosun.apiserver.endpoints;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged apiserver ({@code target/quarkus-app/quarkus-run.jar}, built before the integration
 * tests run) started as a user starts it, on a data directory that outlives it.
 */
final class ApiServerProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path out;

  private ApiServerProcess(Process process, Path out) {
    this.process = process;
    this.out = out;
  }

  /** Starts the apiserver on {@code dataDir} and {@code port} and waits until it is ready. */
  static ApiServerProcess start(Path dataDir, int port) throws IOException {
    Path out = Files.createTempFile("bosun-apiserver", ".out");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    JAR.toAbsolutePath().toString(),
                    "--data-dir",
                    dataDir.toString(),
                    "--port",
                    Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    ApiServerProcess server = new ApiServerProcess(process, out);
    await("apiserver ready")
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("the apiserver exited: " + Files.readString(out));
              }
              return Files.readString(out).contains("Bosun is ready");
            });
    return server;
  }

  /** A TCP port nothing listens on now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the apiserver with SIGTERM and waits for it to exit. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
