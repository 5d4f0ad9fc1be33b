package io.bosun.controller.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Per-key exponential back-off; see {@link RateLimiter#exponential}. */
final class ExponentialBackoff<K> implements RateLimiter<K> {
  private final long baseNanos;
  private final Duration maxDelay;
  private final ConcurrentHashMap<K, Integer> failures = new ConcurrentHashMap<>();

  ExponentialBackoff(Duration baseDelay, Duration maxDelay) {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 < baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
    }
    this.baseNanos = baseDelay.toNanos();
    this.maxDelay = maxDelay;
  }

  @Override
  public Duration when(K key) {
    int previous = failures.merge(key, 1, Integer::sum) - 1;
    // In double, so that many failures saturate at maxDelay instead of overflowing.
    double nanos = baseNanos * Math.pow(2, previous);
    return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
  }

  @Override
  public void forget(K key) {
    failures.remove(key);
  }

  @Override
  public int retries(K key) {
    return failures.getOrDefault(key, 0);
  }
}
