package io.bosun.controller.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed keys are retried: the per-key exponential back-off and the overall token bucket that
 * together make the {@link RateLimiter#forRetries retry rate limiter}. A key's delay is the larger
 * of the two, so one failing key backs off on its own while a burst of failing keys is also held to
 * the bucket's rate. The defaults are controller-runtime's.
 *
 * @param baseDelay the delay after a key's first failure, doubled after each further failure
 * @param maxDelay the longest per-key delay
 * @param qps the bucket's sustained rate of retries per second, over all keys
 * @param burst the bucket's size: how many retries may go at once before the rate applies
 */
public record RetryOptions(Duration baseDelay, Duration maxDelay, double qps, int burst) {

  /** The first back-off delay: 5 ms. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(5);

  /** The longest back-off delay: 1000 s (reached after 18 failures). */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1000);

  /** The overall retry rate: 10 per second. */
  public static final double DEFAULT_QPS = 10;

  /** The overall retry burst: 100. */
  public static final int DEFAULT_BURST = 100;

  /** The defaults. */
  public static final RetryOptions DEFAULTS =
      new RetryOptions(DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY, DEFAULT_QPS, DEFAULT_BURST);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if a delay is not positive, {@code baseDelay > maxDelay}, or
   *     {@code qps} or {@code burst} is not positive
   */
  public RetryOptions {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative() || baseDelay.isZero()) {
      throw new IllegalArgumentException("baseDelay must be positive: " + baseDelay);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must not be less than baseDelay: " + maxDelay);
    }
    if (!(qps > 0) || Double.isInfinite(qps)) {
      throw new IllegalArgumentException("qps must be positive and finite: " + qps);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RetryOptions}; every field starts at its default. */
  public static final class Builder {
    private Duration baseDelay = DEFAULT_BASE_DELAY;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    private double qps = DEFAULT_QPS;
    private int burst = DEFAULT_BURST;

    private Builder() {}

    /** The delay after a key's first failure. Defaults to 5 ms. */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
      return this;
    }

    /** The longest per-key delay. Defaults to 1000 s. */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /** The overall retry rate per second. Defaults to 10. */
    public Builder qps(double qps) {
      this.qps = qps;
      return this;
    }

    /** The overall retry burst. Defaults to 100. */
    public Builder burst(int burst) {
      this.burst = burst;
      return this;
    }

    /** The options; checks them. */
    public RetryOptions build() {
      return new RetryOptions(baseDelay, maxDelay, qps, burst);
    }
  }
}
