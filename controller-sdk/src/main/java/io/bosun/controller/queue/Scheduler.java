package io.bosun.controller.queue;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time for the queue and the controller runtime: a clock to read and a way to run a task later.
 * Production uses {@link #system()}; tests pass a scheduler whose clock they move by hand, so that
 * delays, back-off and timeouts are exact and no test sleeps.
 */
public interface Scheduler {

  /** The clock that time-stamps queue entries and measures durations. */
  Clock clock();

  /**
   * Runs {@code task} once, {@code delay} after now. Never runs it on the calling thread before
   * returning.
   *
   * @return cancels the task if it has not run yet
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** The system UTC clock, with tasks run on Mutiny's default worker pool. */
  static Scheduler system() {
    return of(Clock.systemUTC(), Infrastructure.getDefaultWorkerPool());
  }

  /** A scheduler over {@code clock} that runs tasks on {@code executor}. */
  static Scheduler of(Clock clock, ScheduledExecutorService executor) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(executor, "executor");
    return new Scheduler() {
      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        ScheduledFuture<?> future =
            executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      }
    };
  }
}
