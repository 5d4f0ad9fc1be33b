package io.bosun.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Real threads adding and taking keys at once: no key held twice, no change left unprocessed. */
class WorkQueueConcurrencyTest {
  private static final int KEYS = 5;
  private static final int ADDERS = 3;
  private static final int ADDS_PER_ADDER = 20_000;
  private static final int WORKERS = 3;

  @Test
  void neverHoldsAKeyTwiceAndProcessesEveryKeyAfterItsLastChange() throws Exception {
    WorkQueue<Integer> queue =
        WorkQueue.create(
            new ManualScheduler(),
            RateLimiter.exponential(Duration.ofMillis(5), Duration.ofSeconds(1)),
            () -> {});
    Map<Integer, AtomicLong> version = new ConcurrentHashMap<>();
    Map<Integer, Long> processed = new ConcurrentHashMap<>();
    Map<Integer, Boolean> holders = new ConcurrentHashMap<>();
    AtomicBoolean doubleHold = new AtomicBoolean();
    AtomicBoolean addersDone = new AtomicBoolean();
    for (int key = 0; key < KEYS; key++) {
      version.put(key, new AtomicLong());
    }
    ExecutorService threads = Executors.newFixedThreadPool(ADDERS + WORKERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> adders = new ArrayList<>();
    try {
      for (int a = 0; a < ADDERS; a++) {
        int seed = a;
        adders.add(
            threads.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < ADDS_PER_ADDER; i++) {
                    int key = (i * 7 + seed) % KEYS;
                    version.get(key).incrementAndGet();
                    queue.add(key, i % 2 == 0 ? Priority.HIGH : Priority.LOW);
                  }
                  return null;
                }));
      }
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        workers.add(
            threads.submit(
                () -> {
                  go.await();
                  while (true) {
                    boolean finishing = addersDone.get();
                    Optional<Item<Integer>> item = queue.poll();
                    if (item.isEmpty()) {
                      if (finishing) {
                        return null;
                      }
                      Thread.onSpinWait();
                      continue;
                    }
                    int key = item.get().key();
                    if (holders.putIfAbsent(key, true) != null) {
                      doubleHold.set(true);
                    }
                    processed.merge(key, version.get(key).get(), Math::max);
                    // Hold the key a while, as a reconcile would, so adds land on held keys.
                    for (int spin = 0; spin < 2_000; spin++) {
                      Thread.onSpinWait();
                    }
                    holders.remove(key);
                    queue.done(key);
                  }
                }));
      }
      go.countDown();
      for (Future<?> adder : adders) {
        adder.get(30, TimeUnit.SECONDS);
      }
      addersDone.set(true);
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(doubleHold).isFalse();
    assertThat(queue.depth()).isZero();
    for (int key = 0; key < KEYS; key++) {
      assertThat(processed.get(key)).as("key %d", key).isEqualTo(version.get(key).get());
    }
  }
}
