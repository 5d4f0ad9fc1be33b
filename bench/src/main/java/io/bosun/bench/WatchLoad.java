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
  private static final byte[] STAMP = "\"stamp\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RV = "\"resourceVersion\"".getBytes(StandardCharsets.US_ASCII);

  /** How long opening the watches may take, in seconds. */
  private static final long OPEN_SECONDS = 300;

  /**
   * Watches being opened at once: a thousand TLS handshakes at once on two cores outlast any
   * handshake timeout.
   */
  private static final int OPEN_PARALLEL = 20;

  /** How long the watchers may take to catch up after the last write. */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  /** What one run gave; {@code writes} are the create requests' own latencies. */
  record Outcome(
      int watches,
      int rate,
      Latencies latencies,
      Latencies writes,
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
    byte[] list =
        writer.expect(200, HttpMethod.GET, path + "?limit=1", null).join().body().getBytes();
    String uri = path + "?watch=1&resourceVersion=" + ListBody.parse(list).resourceVersion();
    Latencies latencies = new Latencies();
    AtomicLong outOfOrder = new AtomicLong();
    List<Watcher> all = new ArrayList<>();
    for (int i = 0; i < watches; i++) {
      all.add(new Watcher(latencies, outOfOrder));
    }
    open(watchers, uri, all);

    long seconds = warmup.toSeconds() + measured.toSeconds();
    int total = (int) (rate * seconds);
    AtomicInteger sent = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    Latencies writes = new Latencies();
    CountDownLatch written = new CountDownLatch(total);
    long measuredStart = System.nanoTime() + warmup.toNanos();
    for (Watcher watcher : all) {
      watcher.measuredStart = measuredStart;
    }
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.incrementAndGet();
          if (n > total) {
            return;
          }
          long stamp = System.nanoTime();
          String body = Documents.createRequest(namespace, "w-" + n, stamp);
          writer
              .expect(201, HttpMethod.POST, path, body)
              .whenComplete(
                  (reply, failure) -> {
                    if (failure != null) {
                      errors.incrementAndGet();
                    } else if (stamp >= measuredStart) {
                      writes.add(reply.nanos());
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
    return new Outcome(
        watches, rate, latencies, writes, complete, outOfOrder.get(), errors.get(), usage);
  }

  /** Opens a watch for every watcher, {@link #OPEN_PARALLEL} at a time. */
  private static void open(ApiClient client, String uri, List<Watcher> watchers) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger opened = new AtomicInteger();
    List<CompletableFuture<Void>> chains = new ArrayList<>();
    for (int i = 0; i < OPEN_PARALLEL; i++) {
      chains.add(openNext(client, uri, watchers, next, opened));
    }
    try {
      CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
          .get(OPEN_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          opened.get() + " of " + watchers.size() + " watches opened in " + OPEN_SECONDS + " s", e);
    }
  }

  private static CompletableFuture<Void> openNext(
      ApiClient client,
      String uri,
      List<Watcher> watchers,
      AtomicInteger next,
      AtomicInteger opened) {
    int n = next.getAndIncrement();
    if (n >= watchers.size()) {
      return CompletableFuture.completedFuture(null);
    }
    return client
        .watch(uri, watchers.get(n)::onLine)
        .thenCompose(
            response -> {
              opened.incrementAndGet();
              return openNext(client, uri, watchers, next, opened);
            });
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

  /**
   * The number in the string value of the first field named {@code key} (quotes included), or -1.
   * Stored objects come back as PostgreSQL prints jsonb, with a space after each colon.
   */
  static long numberAfter(byte[] bytes, byte[] key) {
    int i = indexOf(bytes, key);
    if (i < 0) {
      return -1;
    }
    i += key.length;
    while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == ':' || bytes[i] == '"')) {
      i++;
    }
    long value = 0;
    for (; i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
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
