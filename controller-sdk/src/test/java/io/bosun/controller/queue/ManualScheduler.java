package io.bosun.controller.queue;

import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Scheduler} for tests: time stands still until {@link #advance} moves it, running each
 * task that falls due, in time order, with the clock set to the task's time.
 */
public final class ManualScheduler implements Scheduler {
  private static final class Task {
    final Instant at;
    final long sequence;
    final Runnable runnable;

    Task(Instant at, long sequence, Runnable runnable) {
      this.at = at;
      this.sequence = sequence;
      this.runnable = runnable;
    }
  }

  private final List<Task> tasks = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long nextSequence;

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
          synchronized (ManualScheduler.this) {
            return now;
          }
        }
      };

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task");
    Task scheduled = new Task(now.plus(delay), nextSequence++, task);
    tasks.add(scheduled);
    return () -> {
      synchronized (ManualScheduler.this) {
        tasks.remove(scheduled);
      }
    };
  }

  /** Moves the clock forward by {@code duration}, running the tasks that fall due on the way. */
  public void advance(Duration duration) {
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(task -> !task.at.isAfter(target))
                .min(
                    Comparator.comparing((Task task) -> task.at).thenComparingLong(t -> t.sequence))
                .orElse(null);
        if (next == null) {
          now = target;
          return;
        }
        tasks.remove(next);
        if (next.at.isAfter(now)) {
          now = next.at;
        }
      }
      next.runnable.run();
    }
  }

  /** Moves the clock without running any task, as a thread that blocks would see it move. */
  public synchronized void passTime(Duration duration) {
    now = now.plus(duration);
  }

  /** How many tasks wait to run. */
  public synchronized int pendingTasks() {
    return tasks.size();
  }
}
