package io.bosun.bench.josdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a no-op reconciler records, the same for both SDKs: the time of the first reconcile, when
 * every item has been reconciled at the round the benchmark waits for, the latency from each
 * write's stamp to the reconcile that sees it, and a gate that holds reconciles back while events
 * pile up. Its arrays are sized up front, so that the heap measured after the cache fills holds no
 * growth of the probe's own.
 */
final class Probe {
  private final int objects;
  private final AtomicLong firstMicros = new AtomicLong();
  private final AtomicLongArray seenRound;
  private final AtomicLongArray seenStamp;
  private final AtomicInteger atTarget = new AtomicInteger();
  private final LongAdder reconciles = new LongAdder();
  private volatile long target;
  private volatile CompletableFuture<Long> allAtTarget = new CompletableFuture<>();
  private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
  private volatile LatencyHistogram latencies;

  Probe(int objects) {
    this.objects = objects;
    this.seenRound = new AtomicLongArray(objects);
    this.seenStamp = new AtomicLongArray(objects);
    for (int i = 0; i < objects; i++) {
      seenRound.set(i, -1);
    }
  }

  /** Called by a reconciler with the state of the item it reconciles. */
  void observe(BenchItem item) {
    long now = WallClock.micros();
    firstMicros.compareAndSet(0, now);
    reconciles.increment();
    int index = BenchItem.index(item.getMetadata().getName());
    long round = item.getSpec().getRound();
    long before = seenRound.getAndAccumulate(index, round, Math::max);
    if (before < target && round >= target && atTarget.incrementAndGet() == objects) {
      allAtTarget.complete(now);
    }
    LatencyHistogram histogram = latencies;
    long stamp = item.getSpec().getStamp();
    if (histogram != null && seenStamp.getAndAccumulate(index, stamp, Math::max) < stamp) {
      histogram.record(now - stamp);
    }
  }

  /** The wall-clock time of the first reconcile, in epoch micros; 0 before it. */
  long firstMicros() {
    return firstMicros.get();
  }

  long reconciles() {
    return reconciles.sum();
  }

  /**
   * From now on, waits for every item to be reconciled at {@code round} or later. Call it before
   * the items are written at that round.
   */
  void expect(long round) {
    allAtTarget = new CompletableFuture<>();
    atTarget.set(0);
    target = round;
  }

  /** Completes with the wall-clock micros at which every item reached the expected round. */
  CompletableFuture<Long> allAtTarget() {
    return allAtTarget;
  }

  /** Holds every reconcile that starts from now until {@link #openGate()}. */
  void closeGate() {
    gate = new CompletableFuture<>();
  }

  void openGate() {
    gate.complete(null);
  }

  /** Completes when reconciles may run. */
  CompletableFuture<Void> gate() {
    return gate;
  }

  /** Starts recording latencies afresh, and returns the histogram they go to. */
  LatencyHistogram recordLatencies() {
    LatencyHistogram histogram = new LatencyHistogram();
    latencies = histogram;
    return histogram;
  }

  /** Stops recording latencies; returns what was recorded, or null if nothing was. */
  LatencyHistogram stopLatencies() {
    LatencyHistogram histogram = latencies;
    latencies = null;
    return histogram;
  }
}
