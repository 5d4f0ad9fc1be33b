package io.bosun.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL 17 (zonky) the benchmarks run on, with default durability ({@code
 * synchronous_commit} and {@code fsync} on) so that every figure pays for its flushes.
 */
final class BenchPostgres {
  private BenchPostgres() {}

  static EmbeddedPostgres start(Path dataDir, int maxConnections) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .setServerConfig("max_connections", Integer.toString(maxConnections))
        .start();
  }
}
