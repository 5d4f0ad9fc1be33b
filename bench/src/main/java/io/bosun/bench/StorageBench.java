package io.bosun.bench;

import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.StorageConfig;
import io.bosun.apiserver.storage.WatchEvent;
import io.bosun.apiserver.storage.WatchOptions;
import io.bosun.apiserver.storage.postgres.PostgresStorage;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storage benchmark of issue 2, in one run: creates/s and latency of Bosun's storage against a
 * naive per-create transaction on the same PostgreSQL, then watch delivery latency.
 *
 * <p>Usage: {@code java -cp ... io.bosun.bench.StorageBench [seconds-per-step [watch]]}; {@code
 * watch} runs only the watch part. It starts its own embedded PostgreSQL with default durability
 * (synchronous_commit and fsync on).
 */
public final class StorageBench {
  private static final int[] WRITERS = {1, 8, 32, 64};

  private final EmbeddedPostgres postgres;
  private final Vertx vertx = Vertx.vertx();
  private final Duration step;
  private int databases;

  private StorageBench(EmbeddedPostgres postgres, Duration step) {
    this.postgres = postgres;
    this.step = step;
  }

  public static void main(String[] args) throws Exception {
    Duration step = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 8);
    Path dir = Files.createTempDirectory("bosun-bench");
    try (EmbeddedPostgres postgres = BenchPostgres.start(dir, 200)) {
      StorageBench bench = new StorageBench(postgres, step);
      if (args.length < 2 || !args[1].equals("watch")) {
        bench.writes();
      }
      bench.watches(1000, 100);
      bench.watches(100, 1000);
      bench.vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private String freshDatabase() throws Exception {
    String name = "bench_" + (++databases);
    try (Connection c = DriverManager.getConnection(jdbc("postgres"), "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  private String jdbc(String database) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
  }

  private PostgresStorage storage(String database) {
    String url = "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/" + database;
    return PostgresStorage.start(vertx, StorageConfig.defaults(url))
        .await()
        .atMost(Duration.ofSeconds(60));
  }

  private record Outcome(
      long writes, long errors, Latencies latencies, double seconds, String note) {
    double rate() {
      return writes / seconds;
    }
  }

  private void writes() throws Exception {
    System.out.println(
        "| writers | naive creates/s | naive p50 ms | naive p99 ms | Bosun creates/s | Bosun p50 ms | Bosun p99 ms | Bosun/naive | writes per Bosun transaction | errors (naive/Bosun) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int writers : WRITERS) {
      Outcome naive = naive(writers);
      Outcome bosun = bosun(writers);
      System.out.printf(
          "| %d | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f | %s | %d/%d |%n",
          writers,
          naive.rate(),
          naive.latencies().percentileMs(50),
          naive.latencies().percentileMs(99),
          bosun.rate(),
          bosun.latencies().percentileMs(50),
          bosun.latencies().percentileMs(99),
          bosun.rate() / naive.rate(),
          bosun.note(),
          naive.errors(),
          bosun.errors());
    }
  }

  private Outcome naive(int writers) throws Exception {
    String database = freshDatabase();
    NaiveStore.createSchema(jdbc(database));
    Latencies latencies = new Latencies();
    AtomicLong errors = new AtomicLong();
    AtomicInteger names = new AtomicInteger();
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    long end = warmupEnd + step.toNanos();
    AtomicLong counted = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      threads.add(
          new Thread(
              () -> {
                try {
                  NaiveStore store = new NaiveStore(jdbc(database));
                  long now;
                  while ((now = System.nanoTime()) < end) {
                    String name = "cm-" + names.incrementAndGet();
                    try {
                      store.create(name, Documents.configMap(name, now));
                      if (now >= warmupEnd) {
                        latencies.add(System.nanoTime() - now);
                        counted.incrementAndGet();
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                    }
                  }
                  store.close();
                } catch (Exception e) {
                  errors.incrementAndGet();
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    return new Outcome(counted.get(), errors.get(), latencies, step.toNanos() / 1e9, "");
  }

  private Outcome bosun(int writers) throws Exception {
    PostgresStorage storage = storage(freshDatabase());
    Latencies latencies = new Latencies();
    AtomicLong errors = new AtomicLong();
    AtomicLong counted = new AtomicLong();
    AtomicInteger names = new AtomicInteger();
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    long end = warmupEnd + step.toNanos();
    long batchesAtStart[] = new long[2];
    CountDownLatch done = new CountDownLatch(writers);
    for (int w = 0; w < writers; w++) {
      new Runnable() {
        @Override
        public void run() {
          long start = System.nanoTime();
          if (start >= end) {
            done.countDown();
            return;
          }
          if (start >= warmupEnd && batchesAtStart[0] == 0) {
            synchronized (batchesAtStart) {
              if (batchesAtStart[0] == 0) {
                batchesAtStart[0] = Math.max(1, storage.commitBatches());
                batchesAtStart[1] = storage.committedWrites();
              }
            }
          }
          String name = "cm-" + names.incrementAndGet();
          storage
              .create(
                  new ObjectKey("configmaps", "default", name), Documents.configMap(name, start))
              .subscribe()
              .with(
                  stored -> {
                    if (start >= warmupEnd) {
                      latencies.add(System.nanoTime() - start);
                      counted.incrementAndGet();
                    }
                    run();
                  },
                  failure -> {
                    errors.incrementAndGet();
                    run();
                  });
        }
      }.run();
    }
    done.await(step.toSeconds() + 60, TimeUnit.SECONDS);
    double perBatch =
        (double) (storage.committedWrites() - batchesAtStart[1])
            / (storage.commitBatches() - batchesAtStart[0] + 1);
    storage.close();
    return new Outcome(
        counted.get(),
        errors.get(),
        latencies,
        step.toNanos() / 1e9,
        String.format("%.1f", perBatch));
  }

  /** Commit-to-watcher latency with {@code watchers} open watches at {@code rate} writes/s. */
  private void watches(int watchers, int rate) throws Exception {
    PostgresStorage storage = storage(freshDatabase());
    long from = storage.currentResourceVersion();
    // The first two seconds warm the JIT and are not counted, as in the write steps.
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    Latencies latencies = new Latencies();
    AtomicLong outOfOrder = new AtomicLong();
    List<AtomicLong> received = new ArrayList<>();
    for (int i = 0; i < watchers; i++) {
      AtomicLong count = new AtomicLong();
      AtomicLong last = new AtomicLong(from);
      received.add(count);
      storage
          .watch(WatchOptions.from("configmaps", Selection.ALL, from))
          .subscribe()
          .with(
              event -> {
                long now = System.nanoTime();
                if (event.type() != WatchEvent.Type.ADDED) {
                  return;
                }
                if (event.resourceVersion() <= last.getAndSet(event.resourceVersion())) {
                  outOfOrder.incrementAndGet();
                }
                count.incrementAndGet();
                long stamp = Documents.stamp(event.object().json());
                if (stamp >= warmupEnd) {
                  latencies.add(now - stamp);
                }
              },
              failure -> System.err.println("watch failed: " + failure));
    }
    int total = (int) (rate * (step.toSeconds() + 2));
    AtomicInteger sent = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch written = new CountDownLatch(total);
    pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.incrementAndGet();
          if (n > total) {
            return;
          }
          String name = "w-" + n;
          storage
              .create(
                  new ObjectKey("configmaps", "default", name),
                  Documents.configMap(name, System.nanoTime()))
              .subscribe()
              .with(
                  ok -> written.countDown(),
                  e -> {
                    errors.incrementAndGet();
                    written.countDown();
                  });
        },
        0,
        1_000_000 / rate,
        TimeUnit.MICROSECONDS);
    written.await(step.toSeconds() + 60, TimeUnit.SECONDS);
    pacer.shutdownNow();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline
        && received.stream().anyMatch(c -> c.get() < total - errors.get())) {
      Thread.sleep(50);
    }
    long complete = received.stream().filter(c -> c.get() == total - errors.get()).count();
    System.out.printf(
        "%n| watches | writes/s | events delivered | p50 ms | p99 ms | max ms | watchers with every event | out of order | write errors |%n"
            + "|---|---|---|---|---|---|---|---|---|%n| %d | %d | %d | %.2f | %.2f | %.2f | %d/%d | %d | %d |%n",
        watchers,
        rate,
        latencies.count(),
        latencies.percentileMs(50),
        latencies.percentileMs(99),
        latencies.percentileMs(100),
        complete,
        watchers,
        outOfOrder.get(),
        errors.get());
    storage.close();
  }
}
