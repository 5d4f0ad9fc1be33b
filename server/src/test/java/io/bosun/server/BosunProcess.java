package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code bosun} process started the way a user starts it, with its output kept in files. */
final class BosunProcess implements AutoCloseable {
  /** The repository root, where the {@code ./bosun} script is. */
  static final Path ROOT = Path.of(System.getProperty("bosun.repository.root", "..")).normalize();

  /** The packaged server application that {@code ./bosun} runs. */
  static final Path JAR =
      Path.of(System.getProperty("bosun.server.jar", "target/quarkus-app/quarkus-run.jar"));

  /** Start-up is well under 10 s on a warm build; the margin covers a loaded CI machine. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private BosunProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Runs {@code ./bosun} from the repository root with {@code args}. */
  static BosunProcess script(Path logDir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("bosun").toString()));
    command.addAll(List.of(args));
    return start(command, logDir);
  }

  /** Runs the packaged application with {@code java -jar}, as {@code ./bosun} does. */
  static BosunProcess jar(Path logDir, String... args) throws IOException {
    return jar(logDir, List.of(), args);
  }

  /** Runs the packaged application with JVM options ({@code -Dbosun.x=y}), as BOSUN_JAVA_OPTS. */
  static BosunProcess jar(Path logDir, List<String> jvmOptions, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return start(command, logDir);
  }

  private static BosunProcess start(List<String> command, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    Path out = Files.createTempFile(logDir, "bosun", ".out");
    Path err = Files.createTempFile(logDir, "bosun", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new BosunProcess(process, out, err);
  }

  /** A TCP port that nothing listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits for the ready line and returns it; fails early if the process dies first. */
  String awaitReady() {
    return awaitLine("Bosun is ready", READY_TIMEOUT);
  }

  /**
   * Waits for the first output line that starts with {@code prefix} and returns it; fails early if
   * the process dies first.
   */
  String awaitLine(String prefix, Duration timeout) {
    await("a line starting with " + prefix)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              assertThat(process.isAlive()).as("bosun is running; stderr: %s", stderr()).isTrue();
              return stdout().lines().anyMatch(l -> l.startsWith(prefix));
            });
    return stdout().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  /** Whether the process is running. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the process with SIGTERM and returns its exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    return awaitExit();
  }

  /** Waits for the process to end on its own and returns its exit code. */
  int awaitExit() throws InterruptedException {
    assertThat(process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("bosun exited")
        .isTrue();
    return process.exitValue();
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
