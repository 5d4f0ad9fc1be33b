package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks the nodes a pod fits, each part on a 0 to 100 scale as Kubernetes' score plugins are: least
 * allocated cpu and memory (weight 1), spreading pods of the same controller (weight 2, as
 * Kubernetes weighs its default topology spreading), untolerated PreferNoSchedule taints (weight 1)
 * and preferred node affinity (weight 1). Ties go to the node whose name sorts first, so that
 * placement is reproducible.
 */
final class Scores {
  static final int MAX = 100;
  static final int SPREAD_WEIGHT = 2;

  private Scores() {}

  /** The best node for the pod among {@code feasible}, which must not be empty. */
  static NodeInfo best(Pod pod, List<NodeInfo> feasible) {
    Map<NodeInfo, Long> totals = new HashMap<>();
    Optional<String> owner = controllerUid(pod);
    long maxSame = 0;
    long maxTaints = 0;
    long maxPreferred = 0;
    Map<NodeInfo, long[]> raw = new HashMap<>();
    for (NodeInfo info : feasible) {
      long same = owner.map(uid -> countControlledBy(info, uid)).orElse(0L);
      long taints = Taints.untoleratedPreferences(pod, info.node());
      long preferred = NodeAffinity.preferredWeight(pod, info.node());
      raw.put(info, new long[] {same, taints, preferred});
      maxSame = Math.max(maxSame, same);
      maxTaints = Math.max(maxTaints, taints);
      maxPreferred = Math.max(maxPreferred, preferred);
    }
    for (NodeInfo info : feasible) {
      long[] r = raw.get(info);
      long total =
          leastAllocated(pod, info)
              + SPREAD_WEIGHT * inverse(r[0], maxSame)
              + inverse(r[1], maxTaints)
              + (maxPreferred == 0 ? 0 : r[2] * MAX / maxPreferred);
      totals.put(info, total);
    }
    return feasible.stream()
        .min(
            Comparator.comparingLong((NodeInfo info) -> -totals.get(info))
                .thenComparing(NodeInfo::name))
        .orElseThrow();
  }

  /** The mean over cpu and memory of the share left free once the pod is there, times 100. */
  static long leastAllocated(Pod pod, NodeInfo info) {
    Map<String, BigDecimal> allocatable = info.allocatable();
    Map<String, BigDecimal> wanted = Resources.nonZeroRequests(pod);
    long sum = 0;
    for (String name : List.of(Resources.CPU, Resources.MEMORY)) {
      BigDecimal capacity = allocatable.getOrDefault(name, BigDecimal.ZERO);
      if (capacity.signum() <= 0) {
        continue;
      }
      BigDecimal used =
          info.nonZeroRequested().getOrDefault(name, BigDecimal.ZERO).add(wanted.get(name));
      BigDecimal free = capacity.subtract(used).max(BigDecimal.ZERO);
      sum +=
          free.multiply(BigDecimal.valueOf(MAX)).divide(capacity, 0, RoundingMode.DOWN).longValue();
    }
    return sum / 2;
  }

  /** 100 for the fewest, 0 for the most: fewer is better. */
  private static long inverse(long value, long max) {
    return max == 0 ? MAX : (max - value) * MAX / max;
  }

  private static long countControlledBy(NodeInfo info, String uid) {
    return info.pods().stream()
        .filter(p -> controllerUid(p).filter(uid::equals).isPresent())
        .count();
  }

  static Optional<String> controllerUid(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners == null) {
      return Optional.empty();
    }
    return owners.stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()) && o.getUid() != null)
        .map(OwnerReference::getUid)
        .findFirst();
  }
}
