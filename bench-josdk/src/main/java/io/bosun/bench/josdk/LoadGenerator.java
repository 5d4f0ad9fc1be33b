package io.bosun.bench.josdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the items' spec through the apiserver: a merge patch of {@code spec.round} and {@code
 * spec.stamp}, the stamp taken just before the request is sent. Either every item once as fast as
 * the server takes it, or a paced stream at a fixed rate, round-robin over the items.
 */
final class LoadGenerator {
  private static final int MAX_IN_FLIGHT = 64;

  private final ResourceClient<ObjectNode> items;
  private final String namespace;
  private final int objects;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong errors = new AtomicLong();
  private int cursor;

  LoadGenerator(KubeClient client, String namespace, int objects) {
    this.items = client.resources(ResourceDescriptor.of(BenchItem.class).asUntyped());
    this.namespace = namespace;
    this.objects = objects;
  }

  /** Writes every item at {@code round}; returns the writes per second achieved. */
  double writeAll(long round) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < objects; i++) {
      write(i, round);
    }
    drain();
    return objects / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Writes {@code rate} items per second at {@code round} for {@code duration}; returns how many
   * writes were sent. A write is sent at its slot or, if {@value #MAX_IN_FLIGHT} are already in
   * flight, as soon as one returns.
   */
  long writePaced(long round, int rate, Duration duration) throws InterruptedException {
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long sent = 0;
    for (long slot = start; slot < end; slot += period) {
      for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      write(cursor, round);
      cursor = (cursor + 1) % objects;
      sent++;
    }
    drain();
    return sent;
  }

  /** Writes that failed so far. */
  long errors() {
    return errors.get();
  }

  private void write(int index, long round) throws InterruptedException {
    inFlight.acquire();
    String patch = "{\"spec\":{\"round\":" + round + ",\"stamp\":" + WallClock.micros() + "}}";
    items
        .patch(namespace, BenchItem.name(index), Patch.merge(patch))
        .subscribe()
        .with(
            written -> inFlight.release(),
            error -> {
              errors.incrementAndGet();
              inFlight.release();
            });
  }

  private void drain() throws InterruptedException {
    inFlight.acquire(MAX_IN_FLIGHT);
    inFlight.release(MAX_IN_FLIGHT);
  }
}
