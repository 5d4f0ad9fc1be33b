package io.bosun.controller.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * A queue of keys to process, for non-blocking consumers. Keys are deduplicated: adding a key that
 * is already waiting changes nothing but keeps the higher {@link Priority} and the earlier ready
 * time. A key taken by {@link #poll()} is held until {@link #done}; adding it meanwhile marks it
 * dirty, and {@code done} queues it again, so one key is never processed twice at once and no
 * change is lost. Nobody waits on the queue: it calls its ready listener when a key may be polled.
 * All methods are thread-safe and return at once.
 *
 * @param <K> the key type; keys must have value equality
 */
public interface WorkQueue<K> {

  /**
   * A queue whose delays and time stamps come from {@code scheduler} and whose retry delays come
   * from {@code rateLimiter}. {@code onReady} is called, never under the queue's lock, whenever a
   * key becomes ready to poll; it must not block.
   */
  static <K> WorkQueue<K> create(
      Scheduler scheduler, RateLimiter<K> rateLimiter, Runnable onReady) {
    return new PriorityWorkQueue<>(scheduler, rateLimiter, onReady);
  }

  /** Queues {@code key} to be processed now. Does nothing after {@link #shutDown()}. */
  void add(K key, Priority priority);

  /**
   * Queues {@code key} to be processed once {@code delay} has passed; a zero or negative delay
   * means now. If the key is already waiting, the earlier of the two ready times wins.
   */
  void addAfter(K key, Duration delay, Priority priority);

  /**
   * Queues {@code key} after the delay its rate limiter gives for one more failure.
   *
   * @return the delay
   */
  Duration addRateLimited(K key, Priority priority);

  /** Clears {@code key}'s failure history (after a success), resetting its back-off. */
  void forget(K key);

  /** How many failures of {@code key} are recorded since it was last forgotten. */
  int retries(K key);

  /**
   * Takes the most urgent ready key and holds it for the caller until {@link #done}: the oldest
   * ready key of the highest priority. Empty if no key is ready or the queue is shut down.
   */
  Optional<Item<K>> poll();

  /**
   * Releases a key taken by {@link #poll()}; if it was added again meanwhile, queues it again.
   *
   * @throws IllegalStateException if {@code key} is not held
   */
  void done(K key);

  /** How many keys are ready and waiting to be taken (not those delayed or held). */
  int depth();

  /** How many keys wait for a delay to pass. */
  int delayed();

  /** Drops every waiting key and ignores later adds; held keys may still be released. */
  void shutDown();

  /** Whether {@link #shutDown()} was called. */
  boolean isShutDown();
}
