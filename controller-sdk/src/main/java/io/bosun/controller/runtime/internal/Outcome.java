package io.bosun.controller.runtime.internal;

import io.bosun.controller.reconcile.Result;
import io.bosun.controller.reconcile.TerminalException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * How one reconcile ended, as the reconcile loop acts on it.
 *
 * @param kind the kind of ending
 * @param requeueAfter the asked-for delay, for {@link Kind#REQUEUE_AFTER}
 * @param failure the failure, for the failed kinds
 */
public record Outcome(Kind kind, Duration requeueAfter, Throwable failure) {

  /** The kinds of ending; {@link #tag()} names each in metrics. */
  public enum Kind {
    DONE,
    REQUEUE_AFTER,
    FAILED,
    TERMINAL,
    TIMED_OUT;

    /** The metrics tag value: the lower-cased name. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is a failure (counted as an error). */
    public boolean isFailure() {
      return this == FAILED || this == TERMINAL || this == TIMED_OUT;
    }
  }

  /** Classifies what the reconcile's {@code Uni} ended with: an item or a failure. */
  public static Outcome of(Result result, Throwable failure) {
    if (failure instanceof TimeoutException) {
      return new Outcome(Kind.TIMED_OUT, null, failure);
    }
    if (failure != null) {
      return new Outcome(isTerminal(failure) ? Kind.TERMINAL : Kind.FAILED, null, failure);
    }
    return result
        .requeueAfter()
        .map(delay -> new Outcome(Kind.REQUEUE_AFTER, delay, null))
        .orElseGet(() -> new Outcome(Kind.DONE, null, null));
  }

  private static boolean isTerminal(Throwable failure) {
    // Also through causes: Mutiny and user code may wrap the terminal failure.
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TerminalException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
