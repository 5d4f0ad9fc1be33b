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
 */
public record SchedulerOptions(String schedulerName, Duration unschedulableRetry) {
  /** Kubernetes' name for the scheduler of pods that name none. */
  public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

  /** Retry of unschedulable pods without an event: 5 minutes. */
  public static final Duration DEFAULT_UNSCHEDULABLE_RETRY = Duration.ofMinutes(5);

  /** The defaults. */
  public static final SchedulerOptions DEFAULTS =
      new SchedulerOptions(DEFAULT_SCHEDULER_NAME, DEFAULT_UNSCHEDULABLE_RETRY);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if the name is empty or the retry interval is not positive
   */
  public SchedulerOptions {
    Objects.requireNonNull(schedulerName, "schedulerName");
    Objects.requireNonNull(unschedulableRetry, "unschedulableRetry");
    if (schedulerName.isEmpty()) {
      throw new IllegalArgumentException("schedulerName must not be empty");
    }
    if (unschedulableRetry.isNegative() || unschedulableRetry.isZero()) {
      throw new IllegalArgumentException("unschedulableRetry must be positive");
    }
  }

  /** These options with {@code schedulerName}. */
  public SchedulerOptions withSchedulerName(String schedulerName) {
    return new SchedulerOptions(schedulerName, unschedulableRetry);
  }

  /** These options with {@code unschedulableRetry}. */
  public SchedulerOptions withUnschedulableRetry(Duration unschedulableRetry) {
    return new SchedulerOptions(schedulerName, unschedulableRetry);
  }
}
