package io.bosun.controller.queue;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
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
        long millis = wholeMillis(delay);
        Future<?> future =
            millis == 0
                ? executor.submit(task)
                : executor.schedule(task, millis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
      }
    };
  }

  /**
   * A delay in whole milliseconds, rounded up, never negative. Timer-backed executors refuse less
   * than a millisecond (Quarkus gives Mutiny one on Vert.x timers, which throw), and rounding up
   * keeps a task from running before its time.
   */
  private static long wholeMillis(Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      return 0;
    }
    long millis = delay.toMillis();
    return delay.minusMillis(millis).isZero() ? millis : millis + 1;
  }
}
