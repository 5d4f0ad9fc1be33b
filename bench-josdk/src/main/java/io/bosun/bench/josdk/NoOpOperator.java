package io.bosun.bench.josdk;

/**
 * A no-op reconciler of {@link BenchItem}s in one namespace, written with one SDK: each reconcile
 * hands the item's current state to a {@link Probe} and asks for nothing more.
 */
interface NoOpOperator extends AutoCloseable {

  /** Starts watching and reconciling; returns once the SDK's cache has synced. */
  void start() throws Exception;

  /** How many items the SDK's cache holds at {@code round} or later. */
  int cachedAtRound(long round);

  @Override
  void close();
}
