package io.bosun.controller.queue;

import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@link WorkQueue}: one entry per known key, which is in at most one of the ready sets (one
 * per priority, in the order keys became ready) or the delayed set (by ready time), or is held by a
 * worker. One lock guards all state; it is never held while calling out, except to the scheduler,
 * which must not run a task inline.
 */
final class PriorityWorkQueue<K> implements WorkQueue<K> {

  /** Where an entry sits. A held entry is NOWHERE; it may also have a pending (dirty) request. */
  private enum Place {
    NOWHERE,
    READY,
    DELAYED
  }

  private static final class Entry<K> {
    final K key;
    Place place = Place.NOWHERE;
    boolean held;
    boolean pending;
    Priority priority;
    Instant readyAt;
    long sequence;

    Entry(K key) {
      this.key = key;
    }
  }

  private final Scheduler scheduler;
  private final RateLimiter<K> rateLimiter;
  private final Runnable onReady;
  private final Object lock = new Object();
  private final Map<K, Entry<K>> entries = new HashMap<>();
  private final EnumMap<Priority, LinkedHashSet<Entry<K>>> ready = new EnumMap<>(Priority.class);
  private final TreeSet<Entry<K>> delayed =
      new TreeSet<>(
          Comparator.<Entry<K>, Instant>comparing(entry -> entry.readyAt)
              .thenComparingLong(entry -> entry.sequence));
  private long nextSequence;
  private int readyCount;
  private boolean shutDown;
  private Instant wakeUpAt;
  private Cancellable wakeUp;

  PriorityWorkQueue(Scheduler scheduler, RateLimiter<K> rateLimiter, Runnable onReady) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.onReady = Objects.requireNonNull(onReady, "onReady");
    for (Priority priority : Priority.values()) {
      ready.put(priority, new LinkedHashSet<>());
    }
  }

  @Override
  public void add(K key, Priority priority) {
    addAfter(key, Duration.ZERO, priority);
  }

  @Override
  public void addAfter(K key, Duration delay, Priority priority) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(priority, "priority");
    boolean becameReady;
    synchronized (lock) {
      if (shutDown) {
        return;
      }
      Instant now = scheduler.clock().instant();
      Instant at = delay.isNegative() || delay.isZero() ? now : now.plus(delay);
      Entry<K> entry = entries.computeIfAbsent(key, Entry::new);
      becameReady = merge(entry, at, priority, now);
    }
    if (becameReady) {
      onReady.run();
    }
  }

  @Override
  public Duration addRateLimited(K key, Priority priority) {
    Duration delay = rateLimiter.when(key);
    addAfter(key, delay, priority);
    return delay;
  }

  @Override
  public void forget(K key) {
    rateLimiter.forget(key);
  }

  @Override
  public int retries(K key) {
    return rateLimiter.retries(key);
  }

  @Override
  public Optional<Item<K>> poll() {
    synchronized (lock) {
      if (shutDown) {
        return Optional.empty();
      }
      Instant now = scheduler.clock().instant();
      // Also here, not only on wake-up: a timer may fire a little before the clock reaches it.
      promoteDue(now);
      for (Priority priority : Priority.values()) {
        Iterator<Entry<K>> waiting = ready.get(priority).iterator();
        if (waiting.hasNext()) {
          Entry<K> entry = waiting.next();
          waiting.remove();
          readyCount--;
          entry.place = Place.NOWHERE;
          entry.pending = false;
          entry.held = true;
          Duration waited =
              now.isAfter(entry.readyAt) ? Duration.between(entry.readyAt, now) : Duration.ZERO;
          return Optional.of(new Item<>(entry.key, priority, waited));
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public void done(K key) {
    Objects.requireNonNull(key, "key");
    boolean becameReady = false;
    synchronized (lock) {
      Entry<K> entry = entries.get(key);
      if (entry == null || !entry.held) {
        throw new IllegalStateException("done(" + key + ") for a key that is not held");
      }
      entry.held = false;
      if (entry.pending && !shutDown) {
        becameReady = place(entry, scheduler.clock().instant());
      } else {
        entries.remove(key);
      }
    }
    if (becameReady) {
      onReady.run();
    }
  }

  @Override
  public int depth() {
    synchronized (lock) {
      return readyCount;
    }
  }

  @Override
  public int delayed() {
    synchronized (lock) {
      return delayed.size();
    }
  }

  @Override
  public void shutDown() {
    synchronized (lock) {
      shutDown = true;
      ready.values().forEach(LinkedHashSet::clear);
      readyCount = 0;
      delayed.clear();
      entries.values().removeIf(entry -> !entry.held);
      if (wakeUp != null) {
        wakeUp.cancel();
        wakeUp = null;
        wakeUpAt = null;
      }
    }
  }

  @Override
  public boolean isShutDown() {
    synchronized (lock) {
      return shutDown;
    }
  }

  /** Folds a request into an entry; returns whether the entry became ready. */
  private boolean merge(Entry<K> entry, Instant at, Priority priority, Instant now) {
    if (!entry.pending) {
      entry.pending = true;
      entry.priority = priority;
      entry.readyAt = at;
      return !entry.held && place(entry, now);
    }
    Priority merged = entry.priority.max(priority);
    Instant earliest = at.isBefore(entry.readyAt) ? at : entry.readyAt;
    switch (entry.place) {
      case READY -> {
        if (merged != entry.priority) {
          ready.get(entry.priority).remove(entry);
          entry.priority = merged;
          ready.get(merged).add(entry);
        }
        return false;
      }
      case DELAYED -> {
        delayed.remove(entry);
        entry.place = Place.NOWHERE;
        entry.priority = merged;
        entry.readyAt = earliest;
        return place(entry, now);
      }
      default -> {
        // Held and dirty: remember the request; done() places it.
        entry.priority = merged;
        entry.readyAt = earliest;
        return false;
      }
    }
  }

  /** Puts a pending, unheld entry in a ready set or the delayed set; returns whether ready. */
  private boolean place(Entry<K> entry, Instant now) {
    entry.sequence = nextSequence++;
    if (entry.readyAt.isAfter(now)) {
      entry.place = Place.DELAYED;
      delayed.add(entry);
      scheduleWakeUp(now);
      return false;
    }
    entry.place = Place.READY;
    ready.get(entry.priority).add(entry);
    readyCount++;
    return true;
  }

  private int promoteDue(Instant now) {
    int promoted = 0;
    while (!delayed.isEmpty() && !delayed.first().readyAt.isAfter(now)) {
      Entry<K> entry = delayed.pollFirst();
      entry.place = Place.READY;
      ready.get(entry.priority).add(entry);
      readyCount++;
      promoted++;
    }
    return promoted;
  }

  /** One timer for the earliest delayed entry; moved earlier when an earlier entry arrives. */
  private void scheduleWakeUp(Instant now) {
    if (delayed.isEmpty()) {
      return;
    }
    Instant first = delayed.first().readyAt;
    if (wakeUpAt != null && !first.isBefore(wakeUpAt)) {
      return;
    }
    if (wakeUp != null) {
      wakeUp.cancel();
      wakeUp = null;
      wakeUpAt = null;
    }
    // Armed only once scheduled: a scheduler that throws must not leave a timer that never fires
    // standing in for the next one.
    wakeUp = scheduler.schedule(Duration.between(now, first), this::onWakeUp);
    wakeUpAt = first;
  }

  private void onWakeUp() {
    int promoted;
    synchronized (lock) {
      if (shutDown) {
        return;
      }
      Instant now = scheduler.clock().instant();
      wakeUpAt = null;
      wakeUp = null;
      promoted = promoteDue(now);
      scheduleWakeUp(now);
    }
    if (promoted > 0) {
      onReady.run();
    }
  }
}
