package io.bosun.controller.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a successful reconcile asks for next: nothing ({@link #done()}), or another reconcile of the
 * same request after a delay ({@link #requeueAfter(Duration)}), for state that changes with time
 * rather than with events. A failed reconcile is not a result: it is a failed {@code Uni}, retried
 * with back-off.
 */
public final class Result {
  private static final Result DONE = new Result(null);

  private final Duration requeueAfter;

  private Result(Duration requeueAfter) {
    this.requeueAfter = requeueAfter;
  }

  /** The reconcile is complete; the request runs again only when an event arrives. */
  public static Result done() {
    return DONE;
  }

  /**
   * Reconcile the same request again after {@code delay}, even without an event. An event for the
   * request before then reconciles it earlier.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public static Result requeueAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    return new Result(delay);
  }

  /** The delay before the next reconcile; empty for {@link #done()}. */
  public Optional<Duration> requeueAfter() {
    return Optional.ofNullable(requeueAfter);
  }

  /** Whether this result asks for no further reconcile. */
  public boolean isDone() {
    return requeueAfter == null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Result result && Objects.equals(requeueAfter, result.requeueAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(requeueAfter);
  }

  @Override
  public String toString() {
    return isDone() ? "Result.done()" : "Result.requeueAfter(" + requeueAfter + ")";
  }
}
