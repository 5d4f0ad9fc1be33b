package io.bosun.testkit;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.config.ClusterConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Bosun apiserver running as a child process with its embedded PostgreSQL in a data
 * directory, as envtest runs kube-apiserver: the apiserver module's packaged application ({@code
 * apiserver/target/quarkus-app/quarkus-run.jar}), started with {@code --data-dir} and {@code
 * --port}. It can be stopped and started again on the same data and port.
 *
 * <p>The jar is found through the system property {@value #JAR_PROPERTY}, the environment variable
 * {@value #JAR_ENV}, or else by looking for {@value #JAR_IN_REPOSITORY} in the working directory
 * and its parents.
 */
public final class BosunApiServer implements AutoCloseable {
  /** The system property naming the apiserver jar. */
  public static final String JAR_PROPERTY = "bosun.apiserver.jar";

  /** The environment variable naming the apiserver jar. */
  public static final String JAR_ENV = "BOSUN_APISERVER_JAR";

  /** Where the apiserver module's build puts the jar, relative to the repository root. */
  public static final String JAR_IN_REPOSITORY = "apiserver/target/quarkus-app/quarkus-run.jar";

  /** The system property with the child JVM's options. Defaults to {@link #DEFAULT_JVM_OPTIONS}. */
  public static final String JVM_OPTIONS_PROPERTY = "bosun.testkit.jvm-options";

  /** Options that start a short-lived JVM quickly: C1 only, the serial collector. */
  public static final String DEFAULT_JVM_OPTIONS =
      "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m";

  /** How long start-up may take: a first start initialises PostgreSQL. Defaults to 2 minutes. */
  public static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  /** How long a graceful stop may take before the process is killed. Defaults to 30 seconds. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final String READY_PREFIX = "Bosun is ready";

  private final Path jar;
  private final Path dataDir;
  private final int port;
  private Process process;

  private BosunApiServer(Path jar, Path dataDir, int port) {
    this.jar = jar;
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Starts an apiserver on {@code dataDir} (created if needed) and a free port, and waits until it
   * is ready.
   *
   * @throws IllegalStateException if the jar is not built or the server does not become ready
   */
  public static BosunApiServer start(Path dataDir) {
    return start(dataDir, freePort());
  }

  /** Starts an apiserver on {@code dataDir} and {@code port}, and waits until it is ready. */
  public static BosunApiServer start(Path dataDir, int port) {
    BosunApiServer server = new BosunApiServer(locateJar(), dataDir.toAbsolutePath(), port);
    server.startProcess();
    return server;
  }

  /** The apiserver jar, from the property, the environment or the repository. */
  public static Path locateJar() {
    String configured = System.getProperty(JAR_PROPERTY, System.getenv(JAR_ENV));
    if (configured != null && !configured.isBlank()) {
      Path jar = Path.of(configured);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            "the Bosun apiserver jar "
                + jar.toAbsolutePath()
                + " does not exist; build it with"
                + " mvn -pl apiserver -am package -DskipTests");
      }
      return jar;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path jar = dir.resolve(JAR_IN_REPOSITORY);
      if (Files.isRegularFile(jar)) {
        return jar;
      }
    }
    throw new IllegalStateException(
        "the Bosun apiserver is not built: no "
            + JAR_IN_REPOSITORY
            + " in "
            + Path.of("").toAbsolutePath()
            + " or its parents; build it with"
            + " mvn -pl apiserver -am package -DskipTests, or set -D"
            + JAR_PROPERTY);
  }

  /** A TCP port nothing listens on now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void startProcess() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String jvmOptions = System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS);
    Arrays.stream(jvmOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(port)));
    try {
      Files.createDirectories(dataDir);
      process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(errorLog().toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Bosun apiserver: " + e.getMessage(), e);
    }
    awaitReady(process);
  }

  /** Copies the child's output to a file, and completes when it prints its ready line. */
  private void awaitReady(Process child) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                  Writer log =
                      Files.newBufferedWriter(
                          dataDir.resolve("apiserver.out"),
                          StandardCharsets.UTF_8,
                          java.nio.file.StandardOpenOption.CREATE,
                          java.nio.file.StandardOpenOption.APPEND)) {
                for (String line; (line = lines.readLine()) != null; ) {
                  log.write(line + "\n");
                  log.flush();
                  if (line.startsWith(READY_PREFIX)) {
                    ready.complete(null);
                  }
                }
              } catch (IOException e) {
                // The process ended; handled below.
              }
              ready.completeExceptionally(new IllegalStateException("exited before it was ready"));
            },
            "bosun-apiserver-output-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      destroy(child);
      throw new IllegalStateException(
          "the Bosun apiserver did not become ready ("
              + (e instanceof TimeoutException ? "timed out" : e.getCause().getMessage())
              + "); its errors: "
              + tail(errorLog()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      destroy(child);
      throw new IllegalStateException("interrupted while the Bosun apiserver started");
    }
  }

  /** Stops the server gracefully (its PostgreSQL too), keeping the data directory. */
  public synchronized void stop() {
    if (process != null) {
      destroy(process);
      process = null;
    }
  }

  /** Starts the server again on the same data directory and port, and waits until it is ready. */
  public synchronized void restart() {
    stop();
    startProcess();
  }

  /** Whether the server process runs. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The HTTPS port. */
  public int port() {
    return port;
  }

  /** The data directory (kubeconfig, certificates, PostgreSQL). */
  public Path dataDir() {
    return dataDir;
  }

  /** The kubeconfig the server wrote for its admin. */
  public Path kubeconfig() {
    return dataDir.resolve("kubeconfig");
  }

  /** The admin's configuration, read from {@link #kubeconfig()}. */
  public ClusterConfig clusterConfig() {
    return ClusterConfig.fromKubeconfig(kubeconfig());
  }

  /**
   * Compacts the server's change history up to its current resourceVersion, as its timed compactor
   * does once the retention period has passed, and waits until the server knows: a watch (or a
   * resumed informer) from an older version then gets 410 Gone.
   *
   * @param client a client of this server, used to check that it refuses old versions
   * @return the version compacted up to
   */
  public long compactHistory(KubeClient client) {
    return HistoryCompaction.compactAll(dataDir, client);
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Stops a process and whatever it started: a graceful SIGTERM first (Bosun then stops its
   * PostgreSQL), then a kill of anything still alive.
   */
  private static void destroy(Process child) {
    List<ProcessHandle> descendants = child.descendants().toList();
    child.destroy();
    try {
      if (!child.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        child.destroyForcibly();
        child.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.destroyForcibly();
    }
    for (ProcessHandle descendant : descendants) {
      if (descendant.isAlive()) {
        descendant.destroyForcibly();
      }
    }
  }

  private Path errorLog() {
    return dataDir.resolve("apiserver.err");
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
