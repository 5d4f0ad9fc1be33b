package io.bosun.controller.runtime;

import io.bosun.controller.queue.RetryOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a controller runs its reconciles.
 *
 * @param name the controller's name in logs and metrics; {@code ""} for the primary kind's name,
 *     lower-cased
 * @param maxConcurrentReconciles how many reconciles of distinct requests may be in flight at once
 * @param reconcileTimeout how long a reconcile may take before it is cancelled and retried; {@link
 *     Duration#ZERO} for no limit
 * @param blockingThreshold how long {@code reconcile()} may take to return its {@code Uni} before
 *     the controller warns that it blocked its thread
 * @param retry the back-off and overall rate of retries after failures
 */
public record ControllerOptions(
    String name,
    int maxConcurrentReconciles,
    Duration reconcileTimeout,
    Duration blockingThreshold,
    RetryOptions retry) {

  /**
   * In-flight reconciles per controller: 10. A reconcile waiting on I/O holds no thread, so
   * concurrency is cheap; controller-runtime's default of 1 is its most common tuning complaint.
   */
  public static final int DEFAULT_MAX_CONCURRENT_RECONCILES = 10;

  /** Reconcile timeout: 1 minute, long for non-blocking calls to an apiserver. */
  public static final Duration DEFAULT_RECONCILE_TIMEOUT = Duration.ofMinutes(1);

  /**
   * Blocking threshold: 100 ms. Returning a {@code Uni} should take microseconds; longer means work
   * (or a wait) on the calling thread, which stalls every other reconcile on that event loop.
   */
  public static final Duration DEFAULT_BLOCKING_THRESHOLD = Duration.ofMillis(100);

  /** The defaults. */
  public static final ControllerOptions DEFAULTS = builder().build();

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if {@code maxConcurrentReconciles} is less than 1, or a
   *     duration is negative, or the blocking threshold is zero
   */
  public ControllerOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reconcileTimeout, "reconcileTimeout");
    Objects.requireNonNull(blockingThreshold, "blockingThreshold");
    Objects.requireNonNull(retry, "retry");
    if (maxConcurrentReconciles < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentReconciles must be at least 1: " + maxConcurrentReconciles);
    }
    if (reconcileTimeout.isNegative()) {
      throw new IllegalArgumentException("reconcileTimeout must not be negative");
    }
    if (blockingThreshold.isNegative() || blockingThreshold.isZero()) {
      throw new IllegalArgumentException("blockingThreshold must be positive");
    }
  }

  /** Whether reconciles have a time limit. */
  public boolean hasReconcileTimeout() {
    return !reconcileTimeout.isZero();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .maxConcurrentReconciles(maxConcurrentReconciles)
        .reconcileTimeout(reconcileTimeout)
        .blockingThreshold(blockingThreshold)
        .retry(retry);
  }

  /** Builds {@link ControllerOptions}; every field starts at its default. */
  public static final class Builder {
    private String name = "";
    private int maxConcurrentReconciles = DEFAULT_MAX_CONCURRENT_RECONCILES;
    private Duration reconcileTimeout = DEFAULT_RECONCILE_TIMEOUT;
    private Duration blockingThreshold = DEFAULT_BLOCKING_THRESHOLD;
    private RetryOptions retry = RetryOptions.DEFAULTS;

    private Builder() {}

    /** The controller's name. Defaults to the primary kind's name, lower-cased. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** In-flight reconciles at once. Defaults to 10. */
    public Builder maxConcurrentReconciles(int maxConcurrentReconciles) {
      this.maxConcurrentReconciles = maxConcurrentReconciles;
      return this;
    }

    /** Time limit of one reconcile, {@link Duration#ZERO} for none. Defaults to 1 minute. */
    public Builder reconcileTimeout(Duration reconcileTimeout) {
      this.reconcileTimeout = reconcileTimeout;
      return this;
    }

    /** When a slow {@code reconcile()} call counts as blocking. Defaults to 100 ms. */
    public Builder blockingThreshold(Duration blockingThreshold) {
      this.blockingThreshold = blockingThreshold;
      return this;
    }

    /** Retry back-off and rate. Defaults to {@link RetryOptions#DEFAULTS}. */
    public Builder retry(RetryOptions retry) {
      this.retry = retry;
      return this;
    }

    /** The options; checks them. */
    public ControllerOptions build() {
      return new ControllerOptions(
          name, maxConcurrentReconciles, reconcileTimeout, blockingThreshold, retry);
    }
  }
}
