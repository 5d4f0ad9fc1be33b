package io.bosun.controller.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.queue.Priority;
import io.bosun.controller.queue.Scheduler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.runtime.ControllerOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's lanes on a real thread pool: reconcile() calls in parallel, up to the lane count. */
class ReconcileLanesTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Scheduler scheduler = Scheduler.of(Clock.systemUTC(), timers);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
    timers.shutdownNow();
  }

  private ReconcileLoop loop(
      int maxConcurrent, int lanes, io.bosun.controller.reconcile.Reconciler r) {
    ReconcileLoop loop =
        new ReconcileLoop(
            ControllerOptions.builder()
                .name("lanes")
                .maxConcurrentReconciles(maxConcurrent)
                .build(),
            r,
            scheduler,
            pool,
            new SimpleMeterRegistry(),
            lanes);
    loop.start();
    return loop;
  }

  @Test
  void callsReconcileOnAsManyThreadsAtOnceAsThereAreLanes() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // Two calls must be inside reconcile() together for either to return: one lane would wait.
    CyclicBarrier together = new CyclicBarrier(2);
    CountDownLatch done = new CountDownLatch(6);
    ReconcileLoop loop =
        loop(
            4,
            2,
            request -> {
              most.accumulateAndGet(inside.incrementAndGet(), Math::max);
              try {
                together.await(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException("no second lane came", e);
              } finally {
                inside.decrementAndGet();
                done.countDown();
              }
              return Uni.createFrom().item(Result.done());
            });

    for (int i = 0; i < 6; i++) {
      loop.enqueue(Request.of("ns", "r" + i), Priority.HIGH);
    }

    assertThat(done.await(20, TimeUnit.SECONDS)).as("all six reconciled").isTrue();
    assertThat(most.get()).as("reconcile() calls at once").isEqualTo(2);
    loop.stop().await().atMost(java.time.Duration.ofSeconds(10));
  }

  @Test
  void takesEveryRequestQueuedWhileLanesComeAndGo() throws Exception {
    int requests = 20_000;
    Set<String> reconciled = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(requests);
    ReconcileLoop loop =
        loop(
            8,
            2,
            request -> {
              if (reconciled.add(request.name())) {
                done.countDown();
              }
              return Uni.createFrom().item(Result.done());
            });

    // Two producers, so that lanes often find the queue empty, leave, and must be started again.
    Thread[] producers = new Thread[2];
    for (int p = 0; p < producers.length; p++) {
      int first = p;
      producers[p] =
          new Thread(
              () -> {
                for (int i = first; i < requests; i += 2) {
                  loop.enqueue(Request.of("ns", "r" + i), Priority.HIGH);
                  if (i % 64 == 0) {
                    Thread.yield();
                  }
                }
              });
      producers[p].start();
    }
    for (Thread producer : producers) {
      producer.join();
    }

    assertThat(done.await(30, TimeUnit.SECONDS))
        .as("reconciled %d of %d", reconciled.size(), requests)
        .isTrue();
    loop.stop().await().atMost(java.time.Duration.ofSeconds(10));
  }

  @Test
  void lanesTogetherKeepToTheInFlightLimit() throws Exception {
    int requests = 5_000;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(requests);
    ReconcileLoop loop =
        loop(
            3,
            2,
            request -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              // Ends a moment later on another thread, so that the lanes race for the freed slots.
              return Uni.createFrom()
                  .emitter(
                      emitter ->
                          timers.schedule(
                              () -> {
                                inFlight.decrementAndGet();
                                done.countDown();
                                emitter.complete(Result.done());
                              },
                              50,
                              TimeUnit.MICROSECONDS));
            });

    for (int i = 0; i < requests; i++) {
      loop.enqueue(Request.of("ns", "r" + i), Priority.HIGH);
    }

    assertThat(done.await(60, TimeUnit.SECONDS)).as("all reconciled").isTrue();
    assertThat(most.get()).as("reconciles in flight at once").isLessThanOrEqualTo(3);
    loop.stop().await().atMost(java.time.Duration.ofSeconds(10));
  }
}
