package io.bosun.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL 17 (zonky) the benchmarks run on, with default durability ({@code
 * synchronous_commit} and {@code fsync} on) so that every figure pays for its flushes. Commit
 * timestamps are kept: the watch benchmark times deliveries from them.
 */
final class BenchPostgres {
  private BenchPostgres() {}

  static EmbeddedPostgres start(Path dataDir, int maxConnections) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .setServerConfig("track_commit_timestamp", "on")
        .setServerConfig("max_connections", Integer.toString(maxConnections))
        .start();
  }

  /** Creates database {@code bosun} and returns its libpq URL, as the apiserver takes it. */
  static String createBosunDatabase(EmbeddedPostgres postgres) throws SQLException {
    String admin = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    try (Connection c = DriverManager.getConnection(admin, "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE bosun");
    }
    return "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/bosun";
  }
}
