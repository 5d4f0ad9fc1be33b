package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.doc;
import static io.bosun.apiserver.storage.TestObjects.withData;
import static io.bosun.apiserver.storage.TestObjects.withLabels;

import io.smallrye.mutiny.TimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent writers doing random creates, updates and deletes over a fixed set of keys, recording
 * every write the storage acknowledged and every write whose outcome is unknown.
 */
final class RandomWriters implements AutoCloseable {
  static final List<String> COLORS = List.of("red", "blue");

  /** A write the storage acknowledged, as a watcher should see it. */
  record Acked(long rv, WatchEvent.Type type, StoredObject object) {}

  /** A write that failed as {@link StorageException.Unavailable}: it may or may not be stored. */
  record Uncertain(ObjectKey key, WatchEvent.Type type) {}

  private final Storage storage;
  private final List<ObjectKey> keys = new ArrayList<>();
  private final Duration pause;
  private final Duration writeTimeout;
  private final List<Acked> acked = new ArrayList<>();
  private final List<Uncertain> uncertain = new ArrayList<>();
  private final List<Throwable> unexpected = new ArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicInteger hung = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Future<?>> running = new ArrayList<>();

  RandomWriters(
      Storage storage,
      List<String> resources,
      List<String> namespaces,
      int namesPerNamespace,
      Duration pause,
      Duration writeTimeout) {
    this.storage = storage;
    this.pause = pause;
    this.writeTimeout = writeTimeout;
    for (String resource : resources) {
      for (String namespace : namespaces) {
        for (int i = 0; i < namesPerNamespace; i++) {
          keys.add(new ObjectKey(resource, namespace, "obj-" + i));
        }
      }
    }
  }

  /** Starts {@code count} writers that each write {@code writes} times (or until stopped). */
  void start(int count, int writes, long seed) {
    for (int w = 0; w < count; w++) {
      Random random = new Random(seed * 1000 + w);
      running.add(threads.submit(() -> write(random, writes)));
    }
  }

  private void write(Random random, int writes) {
    for (int i = 0; i < writes && !stop.get(); i++) {
      ObjectKey key = keys.get(random.nextInt(keys.size()));
      int dice = random.nextInt(10);
      WatchEvent.Type type =
          dice < 4
              ? WatchEvent.Type.ADDED
              : dice < 8 ? WatchEvent.Type.MODIFIED : WatchEvent.Type.DELETED;
      Map<String, String> labels = label(random);
      attempts.incrementAndGet();
      try {
        StoredObject stored =
            switch (type) {
              case ADDED ->
                  storage
                      .create(key, doc(key, labels, Map.of("n", 0)))
                      .await()
                      .atMost(writeTimeout);
              case MODIFIED ->
                  storage
                      .guaranteedUpdate(
                          key,
                          Preconditions.NONE,
                          c -> withLabels(withData(c.json(), "n", random.nextInt(1000)), labels))
                      .await()
                      .atMost(writeTimeout);
              default -> storage.delete(key, Preconditions.NONE).await().atMost(writeTimeout);
            };
        synchronized (this) {
          acked.add(new Acked(stored.resourceVersion(), type, stored));
        }
      } catch (StorageException.AlreadyExists | StorageException.NotFound e) {
        rejected.incrementAndGet();
      } catch (StorageException.Unavailable e) {
        synchronized (this) {
          uncertain.add(new Uncertain(key, type));
        }
      } catch (TimeoutException e) {
        hung.incrementAndGet();
        synchronized (this) {
          uncertain.add(new Uncertain(key, type));
        }
      } catch (RuntimeException e) {
        synchronized (this) {
          unexpected.add(e);
        }
      }
      if (!pause.isZero()) {
        try {
          Thread.sleep(pause.toMillis()); // paces the load; not a wait for a condition
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static Map<String, String> label(Random random) {
    int pick = random.nextInt(COLORS.size() + 1);
    return pick == COLORS.size()
        ? Map.of("app", "demo")
        : Map.of("app", "demo", "color", COLORS.get(pick));
  }

  /** Asks the writers to stop after their current write. */
  void stop() {
    stop.set(true);
  }

  /** Waits for the writers to finish. */
  void awaitDone(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Future<?> f : running) {
      f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  synchronized List<Acked> acked() {
    return new ArrayList<>(acked);
  }

  synchronized List<Uncertain> uncertain() {
    return new ArrayList<>(uncertain);
  }

  synchronized List<Throwable> unexpected() {
    return new ArrayList<>(unexpected);
  }

  int attempts() {
    return attempts.get();
  }

  /** Writes refused with AlreadyExists or NotFound (expected under random operations). */
  int rejected() {
    return rejected.get();
  }

  /** Writes that neither succeeded nor failed within the write timeout. */
  int hung() {
    return hung.get();
  }

  synchronized int ackedCount() {
    return acked.size();
  }

  @Override
  public void close() {
    stop();
    threads.shutdownNow();
  }
}
