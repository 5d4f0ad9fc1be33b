package io.bosun.controller.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Decides how long a failed key waits before its next attempt. {@link #when} records a failure and
 * answers the delay; {@link #forget} clears a key's history after a success. Implementations are
 * thread-safe.
 */
public interface RateLimiter<K> {

  /** Records one more failure of {@code key} and returns how long it should wait. */
  Duration when(K key);

  /** Clears {@code key}'s failures, so its next failure starts from the first delay again. */
  void forget(K key);

  /** How many failures of {@code key} are recorded since it was last forgotten. */
  int retries(K key);

  /**
   * The retry limiter of a controller: the larger of a per-key exponential back-off and an overall
   * token bucket, as {@code options} set them.
   */
  static <K> RateLimiter<K> forRetries(RetryOptions options, Clock clock) {
    Objects.requireNonNull(options, "options");
    return maxOf(
        List.of(
            exponential(options.baseDelay(), options.maxDelay()),
            tokenBucket(options.qps(), options.burst(), clock)));
  }

  /**
   * A per-key back-off: {@code baseDelay} after the first failure, doubling with each further one,
   * never more than {@code maxDelay}.
   */
  static <K> RateLimiter<K> exponential(Duration baseDelay, Duration maxDelay) {
    return new ExponentialBackoff<>(baseDelay, maxDelay);
  }

  /**
   * An overall limit shared by all keys: a bucket of {@code burst} tokens refilled at {@code qps}
   * per second; each failure takes a token and waits until one is there. Keeps no per-key state.
   */
  static <K> RateLimiter<K> tokenBucket(double qps, int burst, Clock clock) {
    return new TokenBucket<>(qps, burst, clock);
  }

  /** Asks every limiter and waits the longest of their delays. */
  static <K> RateLimiter<K> maxOf(List<RateLimiter<K>> limiters) {
    return new MaxOfRateLimiter<>(limiters);
  }
}
