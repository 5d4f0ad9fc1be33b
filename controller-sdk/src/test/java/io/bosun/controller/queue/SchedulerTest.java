package io.bosun.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  /**
   * An executor on millisecond timers that refuses shorter delays, as Vert.x's do (Quarkus gives
   * Mutiny's default worker pool such a one, whose tasks to run now go straight to the pool); it
   * records the delays its timers were given.
   */
  static final class MillisecondTimers extends ScheduledThreadPoolExecutor {
    final List<Long> delaysInNanos = new CopyOnWriteArrayList<>();

    MillisecondTimers() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      delaysInNanos.add(unit.toNanos(delay));
      if (unit.toMillis(delay) < 1) {
        throw new IllegalArgumentException("Cannot schedule a timer with delay < 1 ms");
      }
      return super.schedule(command, delay, unit);
    }

    /** Tasks to run now go to the pool as they are, not through the timers. */
    @Override
    public Future<?> submit(Runnable task) {
      return super.schedule(task, 0, TimeUnit.NANOSECONDS);
    }
  }

  private final MillisecondTimers timers = new MillisecondTimers();
  private final Scheduler scheduler = Scheduler.of(Clock.systemUTC(), timers);

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void delaysAreRoundedUpToWholeMillisecondsAndNoDelayRunsOnThePool() throws Exception {
    CompletableFuture<Thread> now = new CompletableFuture<>();
    CompletableFuture<Void> soon = new CompletableFuture<>();
    CompletableFuture<Void> later = new CompletableFuture<>();

    scheduler.schedule(Duration.ZERO, () -> now.complete(Thread.currentThread()));
    scheduler.schedule(Duration.ofNanos(300_000), () -> soon.complete(null));
    scheduler.schedule(Duration.ofMillis(-5), () -> {});
    scheduler.schedule(Duration.ofNanos(1_500_000), () -> later.complete(null));

    assertThat(now.get(5, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
    soon.get(5, TimeUnit.SECONDS);
    later.get(5, TimeUnit.SECONDS);
    assertThat(timers.delaysInNanos).containsExactly(1_000_000L, 2_000_000L);
  }

  @Test
  void aCancelledTaskDoesNotRun() throws Exception {
    CompletableFuture<Void> ran = new CompletableFuture<>();
    scheduler.schedule(Duration.ofMillis(200), () -> ran.complete(null)).cancel();

    Thread.sleep(400);
    assertThat(ran).isNotDone();
  }

  @Test
  void aQueueOnMillisecondTimersWakesForEveryDelayedKey() throws Exception {
    List<String> polled = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> all = new CompletableFuture<>();
    WorkQueue<String>[] queue = new WorkQueue[1];
    queue[0] =
        WorkQueue.create(
            scheduler,
            RateLimiter.exponential(Duration.ofMillis(1), Duration.ofSeconds(1)),
            () -> {
              for (var item = queue[0].poll(); item.isPresent(); item = queue[0].poll()) {
                polled.add(item.get().key());
                queue[0].done(item.get().key());
              }
              if (polled.size() >= 50) {
                all.complete(null);
              }
            });

    // Sub-millisecond and odd delays: each wake-up may come a hair early and re-arm a timer for
    // the sliver left, which a millisecond timer refuses unless it is rounded up.
    for (int i = 0; i < 50; i++) {
      queue[0].addAfter("key-" + i, Duration.ofNanos(100_000L + 37_000L * i), Priority.HIGH);
    }

    all.get(10, TimeUnit.SECONDS);
    assertThat(polled).hasSize(50).doesNotHaveDuplicates();
  }
}
