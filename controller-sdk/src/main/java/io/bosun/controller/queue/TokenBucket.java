package io.bosun.controller.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An overall token bucket; see {@link RateLimiter#tokenBucket}. Tokens may go negative: each
 * failure reserves the next token, and its delay is how long the bucket takes to refill that far.
 */
final class TokenBucket<K> implements RateLimiter<K> {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double qps;
  private final int burst;
  private final Clock clock;
  private double tokens;
  private Instant last;

  TokenBucket(double qps, int burst, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    if (!(qps > 0) || Double.isInfinite(qps) || burst < 1) {
      throw new IllegalArgumentException("need qps > 0 and burst >= 1, got " + qps + ", " + burst);
    }
    this.qps = qps;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.instant();
  }

  @Override
  public synchronized Duration when(K key) {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double refilled = Duration.between(last, now).toNanos() / NANOS_PER_SECOND * qps;
      tokens = Math.min(burst, tokens + refilled);
      last = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / qps * NANOS_PER_SECOND));
  }

  @Override
  public void forget(K key) {
    // The bucket is shared by all keys; a success gives no token back.
  }

  @Override
  public int retries(K key) {
    return 0;
  }
}
