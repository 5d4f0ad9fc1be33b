package io.bosun.apiserver.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the PostgreSQL storage engine.
 *
 * @param databaseUrl a libpq-style URI, {@code postgresql://user:password@host:port/database}
 * @param poolSize connections for reads; the committer and the listener have their own. Defaults to
 *     {@value #DEFAULT_POOL_SIZE}.
 * @param maxBatch most writes committed in one transaction. Defaults to {@value
 *     #DEFAULT_MAX_BATCH}.
 * @param historyRetention how much change history compaction keeps, at least. Defaults to 5
 *     minutes, as Kubernetes does.
 * @param compactionInterval how often compaction runs. Defaults to 1 minute.
 * @param safetyPoll how often the watch feed checks for commits whose notification was lost.
 *     Defaults to 1 second.
 * @param watcherQueueCapacity events buffered for one watcher before it is closed as too slow.
 *     Defaults to {@value #DEFAULT_WATCHER_QUEUE_CAPACITY}.
 * @param historyCapacity events kept in memory for watchers that resume from a recent version.
 *     Defaults to {@value #DEFAULT_HISTORY_CAPACITY}.
 * @param partitionSize resource versions per partition of the events table. Defaults to {@value
 *     #DEFAULT_PARTITION_SIZE}.
 */
public record StorageConfig(
    String databaseUrl,
    int poolSize,
    int maxBatch,
    Duration historyRetention,
    Duration compactionInterval,
    Duration safetyPoll,
    int watcherQueueCapacity,
    int historyCapacity,
    long partitionSize) {

  public static final int DEFAULT_POOL_SIZE = 8;
  public static final int DEFAULT_MAX_BATCH = 256;
  public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofMinutes(5);
  public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_SAFETY_POLL = Duration.ofSeconds(1);
  public static final int DEFAULT_WATCHER_QUEUE_CAPACITY = 1024;
  public static final int DEFAULT_HISTORY_CAPACITY = 10_000;
  public static final long DEFAULT_PARTITION_SIZE = 100_000;

  public StorageConfig {
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(historyRetention, "historyRetention");
    Objects.requireNonNull(compactionInterval, "compactionInterval");
    Objects.requireNonNull(safetyPoll, "safetyPoll");
    if (poolSize < 1 || maxBatch < 1 || watcherQueueCapacity < 1 || historyCapacity < 1) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    if (partitionSize < 1000) {
      throw new IllegalArgumentException("partitionSize must be at least 1000");
    }
  }

  /** The defaults, for a database at {@code databaseUrl}. */
  public static StorageConfig defaults(String databaseUrl) {
    return new StorageConfig(
        databaseUrl,
        DEFAULT_POOL_SIZE,
        DEFAULT_MAX_BATCH,
        DEFAULT_HISTORY_RETENTION,
        DEFAULT_COMPACTION_INTERVAL,
        DEFAULT_SAFETY_POLL,
        DEFAULT_WATCHER_QUEUE_CAPACITY,
        DEFAULT_HISTORY_CAPACITY,
        DEFAULT_PARTITION_SIZE);
  }

  public StorageConfig withHistoryRetention(Duration retention, Duration interval) {
    return new StorageConfig(
        databaseUrl,
        poolSize,
        maxBatch,
        retention,
        interval,
        safetyPoll,
        watcherQueueCapacity,
        historyCapacity,
        partitionSize);
  }

  public StorageConfig withWatcherQueueCapacity(int capacity) {
    return new StorageConfig(
        databaseUrl,
        poolSize,
        maxBatch,
        historyRetention,
        compactionInterval,
        safetyPoll,
        capacity,
        historyCapacity,
        partitionSize);
  }

  public StorageConfig withHistoryCapacity(int capacity) {
    return new StorageConfig(
        databaseUrl,
        poolSize,
        maxBatch,
        historyRetention,
        compactionInterval,
        safetyPoll,
        watcherQueueCapacity,
        capacity,
        partitionSize);
  }

  public StorageConfig withPartitionSize(long size) {
    return new StorageConfig(
        databaseUrl,
        poolSize,
        maxBatch,
        historyRetention,
        compactionInterval,
        safetyPoll,
        watcherQueueCapacity,
        historyCapacity,
        size);
  }
}
