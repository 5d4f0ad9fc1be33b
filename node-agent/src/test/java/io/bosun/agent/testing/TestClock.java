package io.bosun.agent.testing;

import io.bosun.controller.queue.Scheduler;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A scheduler whose time moves only when the test says: {@link #advance} runs, in time order, each
 * timer that falls due. Real processes still run in real time; only the agent's clock is held.
 */
public final class TestClock implements Scheduler {
  private record Timer(Instant due, long order, Runnable task) {}

  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) -> a.due.equals(b.due) ? Long.compare(a.order, b.order) : a.due.compareTo(b.due));
  private Instant now = Instant.parse("2026-03-01T10:00:00Z");
  private long order;

  @Override
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  /** The held time. */
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Timer timer = new Timer(now.plus(delay.isNegative() ? Duration.ZERO : delay), order++, task);
    timers.add(timer);
    return () -> {
      synchronized (TestClock.this) {
        timers.remove(timer);
      }
    };
  }

  /** Moves time forward by {@code step}, running the timers due on the way. */
  public void advance(Duration step) {
    Instant target;
    synchronized (this) {
      target = now.plus(step);
    }
    while (true) {
      Timer next;
      synchronized (this) {
        next = timers.peek();
        if (next == null || next.due.isAfter(target)) {
          now = target;
          return;
        }
        timers.poll();
        if (next.due.isAfter(now)) {
          now = next.due;
        }
      }
      next.task.run();
    }
  }
}
