package io.bosun.bench;

import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Watch delivery over HTTP: many watches as chunked JSON streams on one namespace, and a writer
 * that creates ConfigMaps through the API at a fixed rate, stamping the wall-clock time (in
 * microseconds) into each before it sends the request. Two latencies end at a watcher holding the
 * complete event line: one from that stamp (it covers the create request too), and one from the
 * commit of the object's transaction as PostgreSQL recorded it ({@code track_commit_timestamp}),
 * which is Kubernetes' watch-latency SLI: from the moment the object is stored in the database.
 * Both clocks are the machine's one real-time clock.
 */
final class WatchLoad {
  private static final String ADDED = "{\"type\":\"ADDED\"";
  private static final String STAMP = "\"stamp\"";
  private static final String RV = "\"resourceVersion\"";

  /** How long opening the watches may take, in seconds. */
  private static final long OPEN_SECONDS = 300;

  /**
   * Watches being opened at once: a thousand TLS handshakes at once on two cores outlast any
   * handshake timeout.
   */
  private static final int OPEN_PARALLEL = 20;

  /** How long the watchers may take to catch up after the last write. */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  /**
   * What one run gave: deliveries timed from the create request and from the commit, the first and
   * the last delivery of each change timed from its commit (a delay every watcher shares happened
   * before the fan-out; the gap between them is the fan-out's), and the create requests' own
   * latencies.
   */
  record Outcome(
      int watches,
      int rate,
      Latencies latencies,
      Latencies fromCommit,
      Latencies firstFromCommit,
      Latencies lastFromCommit,
      Latencies writes,
      long complete,
      long outOfOrder,
      long writeErrors,
      CpuMeter.Usage cpu) {}

  private WatchLoad() {}

  /**
   * Opens {@code watches} watches, {@code streams} after {@code streams} through each of {@code
   * watchers} in turn (so each fills whole connections), then writes {@code rate} objects a second
   * through {@code writer} for the warm-up plus the measured time. {@code commits} gives the commit
   * time (epoch microseconds) of each object of the namespace by name, once all are written.
   */
  static Outcome run(
      List<ApiClient> watchers,
      int streams,
      ApiClient writer,
      CommitTimes commits,
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
    AtomicLong outOfOrder = new AtomicLong();
    List<Watcher> all = new ArrayList<>();
    for (int i = 0; i < watches; i++) {
      all.add(new Watcher(outOfOrder));
    }
    open(n -> watchers.get((n / streams) % watchers.size()), uri, all);

    long seconds = warmup.toSeconds() + measured.toSeconds();
    int total = (int) (rate * seconds);
    AtomicInteger sent = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    Latencies writes = new Latencies();
    long[] stamps = new long[total + 1];
    CountDownLatch written = new CountDownLatch(total);
    long measuredStart = wallMicros() + warmup.toNanos() / 1000;
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.incrementAndGet();
          if (n > total) {
            return;
          }
          long stamp = wallMicros();
          stamps[n] = stamp;
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
    TimeUnit.MICROSECONDS.sleep(Math.max(0, measuredStart - wallMicros()));
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

    // The pacer's writes happen-before the latch's count-down, so every stamp is visible here.
    Map<String, Long> committed = commits.byName(namespace);
    Map<Long, Long> commitByStamp = new HashMap<>();
    for (int n = 1; n <= total; n++) {
      Long commit = committed.get("w-" + n);
      if (commit != null) {
        commitByStamp.put(stamps[n], commit);
      }
    }
    Latencies latencies = new Latencies();
    Latencies fromCommit = new Latencies();
    Map<Long, long[]> spread = new HashMap<>(); // commit -> first and last arrival
    for (Watcher watcher : all) {
      watcher.report(measuredStart, commitByStamp, latencies, fromCommit, spread);
    }
    Latencies first = new Latencies();
    Latencies last = new Latencies();
    spread.forEach(
        (commit, arrivals) -> {
          first.add((arrivals[0] - commit) * 1000);
          last.add((arrivals[1] - commit) * 1000);
        });
    return new Outcome(
        watches,
        rate,
        latencies,
        fromCommit,
        first,
        last,
        writes,
        complete,
        outOfOrder.get(),
        errors.get(),
        usage);
  }

  /** Where the commit times of the written objects come from. */
  @FunctionalInterface
  interface CommitTimes {
    /** Epoch microseconds of each object's commit in {@code namespace}, by name. */
    Map<String, Long> byName(String namespace) throws Exception;
  }

  /**
   * The real-time clock in microseconds since the epoch, the clock PostgreSQL stamps commits by.
   */
  static long wallMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** Opens a watch for every watcher, {@link #OPEN_PARALLEL} at a time. */
  private static void open(IntFunction<ApiClient> client, String uri, List<Watcher> watchers)
      throws Exception {
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
      IntFunction<ApiClient> client,
      String uri,
      List<Watcher> watchers,
      AtomicInteger next,
      AtomicInteger opened) {
    int n = next.getAndIncrement();
    if (n >= watchers.size()) {
      return CompletableFuture.completedFuture(null);
    }
    return client
        .apply(n)
        .watch(uri, watchers.get(n)::onLine)
        .thenCompose(
            response -> {
              opened.incrementAndGet();
              return openNext(client, uri, watchers, next, opened);
            });
  }

  /**
   * One watch's reader: runs on its connection's event loop and keeps each event's stamp and
   * arrival under its own lock (no lock shared between watchers); the latencies are worked out
   * after the run.
   */
  private static final class Watcher {
    final AtomicLong outOfOrder;
    final AtomicLong received = new AtomicLong();
    private long[] arrivals = new long[1 << 12]; // pairs: stamp, arrival micros
    private int size;
    private long lastRv;

    Watcher(AtomicLong outOfOrder) {
      this.outOfOrder = outOfOrder;
    }

    synchronized void onLine(String line, long now) {
      if (!line.startsWith(ADDED)) {
        return;
      }
      long rv = numberAfter(line, RV);
      if (rv <= lastRv) {
        outOfOrder.incrementAndGet();
      }
      lastRv = rv;
      if (size == arrivals.length) {
        arrivals = Arrays.copyOf(arrivals, size * 2);
      }
      arrivals[size++] = numberAfter(line, STAMP);
      arrivals[size++] = now;
      received.incrementAndGet();
    }

    /** Adds the deliveries of writes stamped from {@code measuredStart} on, in nanoseconds. */
    synchronized void report(
        long measuredStart,
        Map<Long, Long> commitByStamp,
        Latencies fromRequest,
        Latencies fromCommit,
        Map<Long, long[]> spread) {
      for (int i = 0; i < size; i += 2) {
        long stamp = arrivals[i];
        if (stamp < measuredStart) {
          continue;
        }
        long arrival = arrivals[i + 1];
        fromRequest.add((arrival - stamp) * 1000);
        Long commit = commitByStamp.get(stamp);
        if (commit != null) {
          fromCommit.add((arrival - commit) * 1000);
          long[] range = spread.computeIfAbsent(commit, c -> new long[] {arrival, arrival});
          range[0] = Math.min(range[0], arrival);
          range[1] = Math.max(range[1], arrival);
        }
      }
    }
  }

  /**
   * The number in the string value of the first field named {@code key} (quotes included), or -1.
   * Stored objects come back as PostgreSQL prints jsonb, with a space after each colon.
   */
  static long numberAfter(String line, String key) {
    int i = line.indexOf(key);
    if (i < 0) {
      return -1;
    }
    i += key.length();
    int length = line.length();
    while (i < length
        && (line.charAt(i) == ' ' || line.charAt(i) == ':' || line.charAt(i) == '"')) {
      i++;
    }
    long value = 0;
    for (; i < length && line.charAt(i) >= '0' && line.charAt(i) <= '9'; i++) {
      value = value * 10 + (line.charAt(i) - '0');
    }
    return value;
  }
}
