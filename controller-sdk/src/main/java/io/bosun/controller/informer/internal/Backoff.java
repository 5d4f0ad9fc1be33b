package io.bosun.controller.informer.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter, reset after a success. Used on the informer's context only. */
final class Backoff {
  private static final double JITTER = 0.2;

  private final long initialMillis;
  private final long maxMillis;
  private long nextMillis;

  Backoff(Duration initial, Duration max) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.nextMillis = initialMillis;
  }

  /** The wait before the next attempt; each call doubles the following one, up to the maximum. */
  long nextDelayMillis() {
    long delay = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    double factor = 1 + JITTER * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    return Math.max(1, (long) (delay * factor));
  }

  void reset() {
    nextMillis = initialMillis;
  }
}
