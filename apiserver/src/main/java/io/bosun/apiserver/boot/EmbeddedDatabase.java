package io.bosun.apiserver.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server run by Bosun itself, its data in {@code <data-dir>/postgres} (kept across
 * restarts) and its log in {@code <data-dir>/postgres.log}. Used when no database URL is given.
 */
final class EmbeddedDatabase implements AutoCloseable {
  /** The data directory's name inside Bosun's data directory. */
  static final String DIRECTORY = "postgres";

  /** The server log's name inside Bosun's data directory. */
  static final String LOG_FILE = "postgres.log";

  /** How long to wait for PostgreSQL to accept connections. Defaults to 60 seconds. */
  static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  /**
   * How long to wait for PostgreSQL to end when stopping it. zonky's {@code pg_ctl stop} gives up
   * after 5 seconds, while a shutdown checkpoint on a busy disk can take longer; the process must
   * be gone before Bosun exits, or a restart on the same directory finds it still running.
   */
  static final Duration STOP_WAIT = Duration.ofSeconds(20);

  private final EmbeddedPostgres postgres;
  private final Path directory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
    this.postgres = postgres;
    this.directory = directory;
  }

  /**
   * Starts PostgreSQL on a free local port, initialising its data directory on first use.
   *
   * @throws StartupException if it does not start
   */
  static EmbeddedDatabase start(Path dataDir) {
    Path log = dataDir.resolve(LOG_FILE);
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir.resolve(DIRECTORY))
              .setCleanDataDirectory(false)
              // zonky turns durability off by default (it is meant for tests); an acknowledged
              // write must survive a crash, so PostgreSQL's defaults are restored.
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "on")
              // Bosun stops it itself, after the apiserver has closed its connections.
              .setRegisterShutdownHook(false)
              .setPGStartupWait(STARTUP_WAIT)
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new EmbeddedDatabase(postgres, dataDir.resolve(DIRECTORY));
    } catch (IOException | RuntimeException e) {
      throw new StartupException(
          "cannot start the embedded PostgreSQL in "
              + dataDir.resolve(DIRECTORY)
              + " (see "
              + log
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /** The libpq URI of the database the apiserver uses. */
  String url() {
    return "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  /**
   * Stops PostgreSQL (a fast shutdown: sessions are ended, committed data is kept) and waits up to
   * {@link #STOP_WAIT} for its postmaster to end.
   */
  @Override
  public void close() {
    Optional<ProcessHandle> postmaster = postmaster();
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("bosun: stopping the embedded PostgreSQL failed: " + e.getMessage());
    }
    postmaster.ifPresent(EmbeddedDatabase::awaitExit);
  }

  /** The running postmaster, from the first line of its pid file. */
  private Optional<ProcessHandle> postmaster() {
    try {
      List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"));
      return lines.isEmpty()
          ? Optional.empty()
          : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.err.println(
          "bosun: the embedded PostgreSQL (pid "
              + process.pid()
              + ") has not stopped after "
              + STOP_WAIT.toSeconds()
              + " s");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
