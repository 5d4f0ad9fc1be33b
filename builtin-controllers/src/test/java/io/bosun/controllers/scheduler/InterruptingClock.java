package io.bosun.controllers.scheduler;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system clock, except that once armed it runs an action on its n-th reading, before that
 * reading returns: a test so makes a change land at one exact point of the code that reads the
 * clock, on that code's thread.
 */
final class InterruptingClock extends Clock {
  private final AtomicInteger readingsLeft = new AtomicInteger(-1);
  private final AtomicBoolean ran = new AtomicBoolean();
  private volatile Runnable action;

  /** Runs {@code action} on the {@code n}-th reading from now (1 is the next). */
  void arm(int n, Runnable action) {
    this.action = action;
    readingsLeft.set(n);
  }

  /** Whether the armed action has run. */
  boolean ran() {
    return ran.get();
  }

  @Override
  public Instant instant() {
    if (readingsLeft.get() > 0 && readingsLeft.decrementAndGet() == 0) {
      action.run();
      ran.set(true);
    }
    return Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock in UTC");
  }
}
