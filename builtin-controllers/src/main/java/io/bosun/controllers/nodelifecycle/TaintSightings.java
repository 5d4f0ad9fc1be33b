package io.bosun.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when each NoExecute taint has stood, never earlier than the truth, so that no pod goes
 * before its tolerationSeconds. A taint's {@code timeAdded} is written to the second, before the
 * write that stores it, so it can be a second or more early; a taint seen soon after its {@code
 * timeAdded} (within {@link #LIVE}) was seen as it arrived and counts from that sighting. A taint
 * seen long after (found by a controller that restarted) counts from the end of its {@code
 * timeAdded}'s second. A taint without {@code timeAdded} counts from its first sighting.
 */
final class TaintSightings {
  /** How long after its timeAdded a taint may be first seen and count as seen arriving. */
  static final Duration LIVE = Duration.ofSeconds(10);

  private static final Duration PRECISION = Duration.ofSeconds(1);

  /** Per node, the first sighting of each of its taints, keyed by key, effect and timeAdded. */
  private final Map<String, Map<String, Instant>> seen = new ConcurrentHashMap<>();

  /**
   * Since when the NoExecute {@code taints} of {@code node} have stood: the earliest start among
   * them. Forgets the sightings of the node's taints that are gone.
   */
  Instant since(String node, List<Taint> taints, Instant now) {
    Map<String, Instant> before = seen.getOrDefault(node, Map.of());
    Map<String, Instant> current = new HashMap<>();
    Instant earliest = now;
    for (Taint taint : taints) {
      String id = taint.getKey() + ":" + taint.getEffect() + "@" + taint.getTimeAdded();
      Instant sighted = before.getOrDefault(id, now);
      current.put(id, sighted);
      Instant start = start(taint.getTimeAdded(), sighted);
      if (start.isBefore(earliest)) {
        earliest = start;
      }
    }
    seen.put(node, Map.copyOf(current));
    return earliest;
  }

  /** Forgets a node that is gone. */
  void forget(String node) {
    seen.remove(node);
  }

  /** Since when a taint added at {@code timeAdded} and first seen at {@code sighted} stood. */
  static Instant start(String timeAdded, Instant sighted) {
    if (timeAdded == null || timeAdded.isEmpty()) {
      return sighted;
    }
    Instant added;
    try {
      added = Instant.parse(timeAdded);
    } catch (DateTimeParseException e) {
      return sighted;
    }
    return sighted.isBefore(added.plus(LIVE)) ? sighted : added.plus(PRECISION);
  }
}
