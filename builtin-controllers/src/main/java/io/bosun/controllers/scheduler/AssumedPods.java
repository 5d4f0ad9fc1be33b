package io.bosun.controllers.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods this scheduler has bound, or is binding, that the pod informer has not yet shown bound.
 * Counting them keeps the next placement from using room that is already taken, as Kubernetes'
 * scheduler "assumes" a pod until its informer catches up. Not thread-safe: {@link SchedulingCache}
 * guards it.
 *
 * <p>An assumption ends when the informer shows the pod bound or deleted, or when the binding
 * fails. As a safety net, one whose binding succeeded but that the informer still has not confirmed
 * after {@code ttl} expires, so that a lost event cannot hold room on a node for ever.
 */
final class AssumedPods {
  /** When each assumption expires: never ({@link Instant#MAX}) while its binding is in flight. */
  private final Map<String, Instant> byKey = new HashMap<>();

  private final Duration ttl;

  AssumedPods(Duration ttl) {
    this.ttl = ttl;
  }

  /** Records that the pod {@code key} is being bound. */
  void assume(String key) {
    byKey.put(key, Instant.MAX);
  }

  /** Starts the expiry of an assumption whose binding succeeded; nothing if it has ended. */
  void bound(String key, Instant now) {
    byKey.computeIfPresent(key, (k, expires) -> now.plus(ttl));
  }

  /** Ends the assumption; whether there was one. */
  boolean remove(String key) {
    return byKey.remove(key) != null;
  }

  void clear() {
    byKey.clear();
  }

  boolean contains(String key) {
    return byKey.containsKey(key);
  }

  /** Whether some binding has not finished yet. */
  boolean inFlight() {
    return byKey.containsValue(Instant.MAX);
  }

  /** Ends the assumptions past their expiry and returns their keys. */
  List<String> expire(Instant now) {
    List<String> expired = new ArrayList<>();
    byKey
        .entrySet()
        .removeIf(
            e -> {
              boolean over = !now.isBefore(e.getValue());
              if (over) {
                expired.add(e.getKey());
              }
              return over;
            });
    return expired;
  }
}
