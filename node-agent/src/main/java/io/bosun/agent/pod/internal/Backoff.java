package io.bosun.agent.pod.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The kubelet's crash-loop back-off for one container: no delay before the first restart, then 10
 * s, doubling up to 5 minutes; forgotten when a crash comes more than 10 minutes after the last
 * restart.
 */
final class Backoff {
  static final Duration INITIAL = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofMinutes(5);

  private Duration delay;
  private Instant lastUpdate;

  Backoff() {}

  /** Restores a back-off from a checkpoint. */
  void restore(Duration delay, Instant lastUpdate) {
    this.delay = delay;
    this.lastUpdate = lastUpdate;
  }

  /** Whether a restart after a crash that finished at {@code finishedAt} must still wait. */
  boolean inBackoffSince(Instant finishedAt, Instant now) {
    if (delay == null || expired(finishedAt)) {
      return false;
    }
    return Duration.between(finishedAt, now).compareTo(delay) < 0;
  }

  /** Records a restart now, after a crash that finished at {@code finishedAt}. */
  void next(Instant finishedAt, Instant now) {
    if (delay == null || expired(finishedAt)) {
      delay = INITIAL;
    } else {
      Duration doubled = delay.multipliedBy(2);
      delay = doubled.compareTo(MAX) > 0 ? MAX : doubled;
    }
    lastUpdate = now;
  }

  private boolean expired(Instant eventTime) {
    return Duration.between(lastUpdate, eventTime).compareTo(MAX.multipliedBy(2)) > 0;
  }

  /** The current delay, or null before the first restart. */
  Duration delay() {
    return delay;
  }

  Instant lastUpdate() {
    return lastUpdate;
  }

  /** A duration as Go prints it, as in the kubelet's messages: 10s, 1m20s, 5m0s. */
  static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m" + (seconds % 60) + "s";
    }
    return (minutes / 60) + "h" + (minutes % 60) + "m" + (seconds % 60) + "s";
  }
}
