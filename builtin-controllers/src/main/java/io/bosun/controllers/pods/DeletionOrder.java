package io.bosun.controllers.pods;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The order in which a controller scales pods down, least valuable first, as Kubernetes'
 * ActivePodsWithRanks: unscheduled before scheduled; Pending before Unknown before Running; not
 * ready before ready; lower {@code controller.kubernetes.io/pod-deletion-cost} first; pods sharing
 * a node with more of their siblings first; ready for less time first; more container restarts
 * first; newer before older.
 */
public final class DeletionOrder {
  /** The annotation by which users say how costly a pod is to delete. */
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private DeletionOrder() {}

  /**
   * The pods to delete: the {@code count} least valuable of {@code candidates}. {@code related} are
   * the pods whose placement makes a pod "doubled up" on its node (the controller's active pods).
   */
  public static List<Pod> leastValuable(List<Pod> candidates, List<Pod> related, int count) {
    Map<String, Integer> perNode = new HashMap<>();
    for (Pod pod : related) {
      String node = nodeName(pod);
      if (!node.isEmpty() && PodStates.isActive(pod)) {
        perNode.merge(node, 1, Integer::sum);
      }
    }
    return candidates.stream()
        .sorted(comparator(pod -> perNode.getOrDefault(nodeName(pod), 0)))
        .limit(Math.max(0, count))
        .toList();
  }

  /** Least valuable first; {@code rank} is the number of siblings on the pod's node. */
  static Comparator<Pod> comparator(java.util.function.ToIntFunction<Pod> rank) {
    return Comparator.<Pod>comparingInt(pod -> nodeName(pod).isEmpty() ? 0 : 1)
        .thenComparingInt(DeletionOrder::phaseRank)
        .thenComparingInt(pod -> PodStates.isReady(pod) ? 1 : 0)
        .thenComparingLong(DeletionOrder::deletionCost)
        .thenComparing(Comparator.comparingInt(rank).reversed())
        .thenComparing(
            pod -> PodStates.readySince(pod).orElse(Instant.MAX), Comparator.reverseOrder())
        .thenComparing(Comparator.comparingInt(PodStates::restarts).reversed())
        .thenComparing(DeletionOrder::created, Comparator.reverseOrder());
  }

  private static int phaseRank(Pod pod) {
    return switch (PodStates.phase(pod)) {
      case "Pending", "" -> 0;
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 3;
    };
  }

  private static long deletionCost(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String cost = annotations == null ? null : annotations.get(DELETION_COST);
    if (cost == null) {
      return 0;
    }
    try {
      return Integer.parseInt(cost.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A pod without a creation time sorts as the newest. */
  private static Instant created(Pod pod) {
    return PodStates.parseTime(pod.getMetadata().getCreationTimestamp()).orElse(Instant.MAX);
  }

  private static String nodeName(Pod pod) {
    return pod.getSpec() == null ? "" : Objects.requireNonNullElse(pod.getSpec().getNodeName(), "");
  }
}
