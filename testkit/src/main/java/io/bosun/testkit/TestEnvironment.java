package io.bosun.testkit;

import io.bosun.controller.config.ClusterConfig;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a test run shares: one apiserver in a temporary data directory and one Vert.x instance for
 * the tests' clients. Closed by JUnit at the end of the run, or by a shutdown hook if the JVM ends
 * first.
 */
final class TestEnvironment implements AutoCloseable {
  private final BosunApiServer server;
  private final Vertx vertx;
  private final Path dataDir;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private TestEnvironment(BosunApiServer server, Vertx vertx, Path dataDir) {
    this.server = server;
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.shutdownHook = new Thread(this::stop, "bosun-testkit-stop");
  }

  static TestEnvironment start() {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("bosun-testkit-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BosunApiServer server = BosunApiServer.start(dataDir.resolve("data"));
    TestEnvironment environment = new TestEnvironment(server, Vertx.vertx(), dataDir);
    Runtime.getRuntime().addShutdownHook(environment.shutdownHook);
    return environment;
  }

  BosunApiServer server() {
    return server;
  }

  ClusterConfig config() {
    return server.clusterConfig();
  }

  Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs stop(), which is idempotent.
    }
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop();
    vertx.closeAndAwait();
    deleteRecursively(dataDir);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary directory is harmless. PostgreSQL may still be removing its own
      // files (postmaster.pid) as the walk reaches them.
    }
  }
}
