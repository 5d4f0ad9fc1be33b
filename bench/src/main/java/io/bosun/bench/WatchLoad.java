package io.bosun.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watch delivery over HTTP: many watches as chunked JSON streams on one namespace, and a writer
 * that creates ConfigMaps through the API at a fixed rate, stamping its {@code System.nanoTime()}
 * into each. Latency runs from that stamp to a watcher holding the complete event line, so it
 * covers the create request, the commit, the fan-out and both HTTP stacks.
 */
final class WatchLoad {
  private static final byte[] ADDED = "{\"type\":\"ADDED\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STAMP = "\"stamp\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RV = "\"resourceVersion\":\"".getBytes(StandardCharsets.US_ASCII);

  /** How long opening the watches may take, in seconds. */
  private static final long OPEN = 120;

  /** How long the watchers may take to catch up after the last write. */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  /** What one run gave. */
  record Outcome(
      int watches,
      int rate,
      Latencies latencies,
      long complete,
      long outOfOrder,
      long writeErrors,
      CpuMeter.Usage cpu) {}

  private WatchLoad() {}

  /**
   * Opens {@code watches} watches through {@code watchers}, then writes {@code rate} objects a
   * second through {@code writer} for the warm-up plus the measured time.
   */
  static Outcome run(
      ApiClient watchers,
      ApiClient writer,
      CpuMeter cpu,
      String namespace,
      int watches,
      int rate,
      Duration warmup,
      Duration measured)
      throws Exception {
    String path = "/api/v1/namespaces/" + namespace + "/configmaps";
    String from =
        ListBody.parse(
                writer
                    .expect(200, HttpMethod.GET, path + "?limit=1", null)
                    .join()
                    .body()
                    .getBytes())
            .resourceVersion();
    Latencies latencies = new Latencies();
    AtomicLong outOfOrder = new AtomicLong();
    List<Watcher> all = new ArrayList<>();
    List<CompletableFuture<?>> opened = new ArrayList<>();
    for (int i = 0; i < watches; i++) {
      Watcher watcher = new Watcher(latencies, outOfOrder);
      all.add(watcher);
      opened.add(watchers.watch(path + "?watch=1&resourceVersion=" + from, watcher::onLine));
    }
    try {
      CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(OPEN, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      long open = opened.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
      throw new IllegalStateException(
          open + " of " + watches + " watches opened within " + OPEN + " s", e);
    }

    long seconds = warmup.toSeconds() + measured.toSeconds();
    int total = (int) (rate * seconds);
    AtomicInteger sent = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    CountDownLatch written = new CountDownLatch(total);
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    long measuredStart = System.nanoTime() + warmup.toNanos();
    for (Watcher watcher : all) {
      watcher.measuredStart = measuredStart;
    }
    pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.incrementAndGet();
          if (n > total) {
            return;
          }
          String body = Documents.createRequest(namespace, "w-" + n, System.nanoTime());
          writer
              .expect(201, HttpMethod.POST, path, body)
              .whenComplete(
                  (reply, failure) -> {
                    if (failure != null) {
                      errors.incrementAndGet();
                    }
                    written.countDown();
                  });
        },
        0,
        1_000_000 / rate,
        TimeUnit.MICROSECONDS);
    TimeUnit.NANOSECONDS.sleep(Math.max(0, measuredStart - System.nanoTime()));
    CpuMeter.Sample cpuFrom = cpu.sample();
    written.await(seconds + 60, TimeUnit.SECONDS);
    CpuMeter.Usage usage = CpuMeter.Usage.between(cpuFrom, cpu.sample());
    pacer.shutdownNow();
    long expected = total - errors.get();
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (System.nanoTime() < deadline
        && all.stream().anyMatch(w -> w.received.get() < expected)) {
      Thread.sleep(50);
    }
    long complete = all.stream().filter(w -> w.received.get() == expected).count();
    return new Outcome(watches, rate, latencies, complete, outOfOrder.get(), errors.get(), usage);
  }

  /** One watch's reader: runs on its connection's event loop. */
  private static final class Watcher {
    final Latencies latencies;
    final AtomicLong outOfOrder;
    final AtomicLong received = new AtomicLong();
    volatile long measuredStart = Long.MAX_VALUE; // set when the writer starts
    private long lastRv;

    Watcher(Latencies latencies, AtomicLong outOfOrder) {
      this.latencies = latencies;
      this.outOfOrder = outOfOrder;
    }

    void onLine(Buffer line) {
      long now = System.nanoTime();
      byte[] bytes = line.getBytes();
      if (bytes.length < ADDED.length
          || !Arrays.equals(bytes, 0, ADDED.length, ADDED, 0, ADDED.length)) {
        return;
      }
      long rv = numberAfter(bytes, RV);
      if (rv <= lastRv) {
        outOfOrder.incrementAndGet();
      }
      lastRv = rv;
      received.incrementAndGet();
      long stamp = numberAfter(bytes, STAMP);
      if (stamp >= measuredStart) {
        latencies.add(now - stamp);
      }
    }
  }

  /** The decimal number in quotes right after the first {@code key}, or -1. */
  static long numberAfter(byte[] bytes, byte[] key) {
    int at = indexOf(bytes, key);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    for (int i = at + key.length; i < bytes.length && bytes[i] != '"'; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    return value;
  }

  private static int indexOf(byte[] bytes, byte[] key) {
    outer:
    for (int i = 0; i <= bytes.length - key.length; i++) {
      for (int j = 0; j < key.length; j++) {
        if (bytes[i + j] != key[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
