package io.bosun.controllers.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * How the scheduler runs.
 *
 * @param schedulerName the {@code spec.schedulerName} of the pods this scheduler places (pods that
 *     leave it unset are the default scheduler's). Defaults to {@value #DEFAULT_SCHEDULER_NAME}.
 * @param unschedulableRetry how long a pod no node fits waits for another try when no node or pod
 *     event brings one earlier. Defaults to 5 minutes, Kubernetes' longest stay in its
 *     unschedulable queue.
 * @param initialBackoff the least time between two attempts at a pod that did not fit, doubled
 *     after each further failure. Defaults to 1 second, as in Kubernetes.
 * @param maxBackoff the most that back-off grows to. Defaults to 10 seconds, as in Kubernetes.
 */
public record SchedulerOptions(
    String schedulerName,
    Duration unschedulableRetry,
    Duration initialBackoff,
    Duration maxBackoff) {
  /** Kubernetes' name for the scheduler of pods that name none. */
  public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

  /** Retry of unschedulable pods without an event: 5 minutes. */
  public static final Duration DEFAULT_UNSCHEDULABLE_RETRY = Duration.ofMinutes(5);

  /** Back-off after the first failed attempt: 1 second. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);

  /** The longest back-off: 10 seconds. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

  /** The defaults. */
  public static final SchedulerOptions DEFAULTS =
      new SchedulerOptions(
          DEFAULT_SCHEDULER_NAME,
          DEFAULT_UNSCHEDULABLE_RETRY,
          DEFAULT_INITIAL_BACKOFF,
          DEFAULT_MAX_BACKOFF);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if the name is empty, a duration is not positive, or the
   *     maximum back-off is less than the initial one
   */
  public SchedulerOptions {
    Objects.requireNonNull(schedulerName, "schedulerName");
    if (schedulerName.isEmpty()) {
      throw new IllegalArgumentException("schedulerName must not be empty");
    }
    positive(unschedulableRetry, "unschedulableRetry");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be less than initialBackoff");
    }
  }

  /** These options with {@code schedulerName}. */
  public SchedulerOptions withSchedulerName(String schedulerName) {
    return new SchedulerOptions(schedulerName, unschedulableRetry, initialBackoff, maxBackoff);
  }

  /** These options with {@code unschedulableRetry}. */
  public SchedulerOptions withUnschedulableRetry(Duration unschedulableRetry) {
    return new SchedulerOptions(schedulerName, unschedulableRetry, initialBackoff, maxBackoff);
  }

  /** These options with the back-off between attempts at a pod that did not fit. */
  public SchedulerOptions withBackoff(Duration initialBackoff, Duration maxBackoff) {
    return new SchedulerOptions(schedulerName, unschedulableRetry, initialBackoff, maxBackoff);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
