package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StorageConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Storage on PostgreSQL. Start it with {@link #start}. (Being written: see the issue note.) */
public abstract class PostgresStorage implements Storage {

  /**
   * Migrates the schema (Flyway), opens the connections, starts the listener, the watch feed and
   * compaction.
   *
   * @return the running storage; fails with {@link
   *     io.bosun.apiserver.storage.StorageException.Unavailable} when the database cannot be reached
   */
  public static Uni<PostgresStorage> start(Vertx vertx, StorageConfig config) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Marks every version up to {@code resourceVersion} as compacted and drops event partitions that
   * lie wholly below it. Compaction also runs on a timer; this is for tests and tools.
   */
  public abstract Uni<Void> compact(long resourceVersion);

  /** The oldest version a watch may start from (the compaction point). */
  public abstract long compactedResourceVersion();
}
