package io.bosun.apiserver.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

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

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
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
      return new EmbeddedDatabase(postgres);
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

  /** Stops PostgreSQL (a fast shutdown: sessions are ended, committed data is kept). */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("bosun: stopping the embedded PostgreSQL failed: " + e.getMessage());
    }
  }
}
