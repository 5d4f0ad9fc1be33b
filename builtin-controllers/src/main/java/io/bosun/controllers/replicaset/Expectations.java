package io.bosun.controllers.replicaset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What a controller is still waiting to see of its own writes, per controller key, so that it does
 * not act twice on one difference: pod creations still in flight (their answers go into the cache
 * when they arrive) and deletions the cache has not shown yet. Like Kubernetes' expectations they
 * expire, after {@link #TTL}, in case an observation is missed.
 */
final class Expectations {
  /** How long unmet expectations hold a controller back: 5 minutes, as in Kubernetes. */
  static final Duration TTL = Duration.ofMinutes(5);

  /** The pending writes of one controller key. */
  private static final class Pending {
    int creations;
    final Set<PodKey> deletions = new HashSet<>();
    Instant since;
  }

  /** A pod by namespace, name and uid (a new pod with the same name is another pod). */
  record PodKey(String namespace, String name, String uid) {}

  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  Expectations(Clock clock) {
    this.clock = clock;
  }

  /**
   * Whether the controller may act: nothing pending, or what is pending has expired. Deletions
   * count as seen once {@code stillListed} says the cache no longer lists the pod as active.
   */
  boolean satisfied(String key, Predicate<PodKey> stillListed) {
    Pending p = pending.get(key);
    if (p == null) {
      return true;
    }
    synchronized (p) {
      p.deletions.removeIf(pod -> !stillListed.test(pod));
      if (p.creations <= 0 && p.deletions.isEmpty()) {
        pending.remove(key, p);
        return true;
      }
      return Duration.between(p.since, clock.instant()).compareTo(TTL) > 0;
    }
  }

  /** Expects {@code count} creations, which {@link #creationObserved} lowers one by one. */
  void expectCreations(String key, int count) {
    Pending p = pending.computeIfAbsent(key, k -> new Pending());
    synchronized (p) {
      p.creations += count;
      p.since = clock.instant();
    }
  }

  /** One expected creation ended: its answer is in the cache, or it failed or was skipped. */
  void creationObserved(String key) {
    Pending p = pending.get(key);
    if (p != null) {
      synchronized (p) {
        p.creations--;
      }
    }
  }

  /** Expects the cache to stop listing {@code pods}. */
  void expectDeletions(String key, Set<PodKey> pods) {
    Pending p = pending.computeIfAbsent(key, k -> new Pending());
    synchronized (p) {
      p.deletions.addAll(pods);
      p.since = clock.instant();
    }
  }

  /** A deletion that failed, or whose pod was gone already, is no longer awaited. */
  void deletionObserved(String key, PodKey pod) {
    Pending p = pending.get(key);
    if (p != null) {
      synchronized (p) {
        p.deletions.remove(pod);
      }
    }
  }

  /** Forgets a controller that no longer exists. */
  void forget(String key) {
    pending.remove(key);
  }
}
