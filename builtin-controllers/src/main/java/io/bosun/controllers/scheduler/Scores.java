package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks the nodes a pod fits. Each part scores a node 0 to 100, as Kubernetes' score plugins do,
 * and the parts add up with the weights of Kubernetes' default profile: untolerated
 * PreferNoSchedule taints 3, preferred node affinity 2, spreading the pods of one controller 2
 * (Kubernetes' default topology spreading), preferred pod affinity 2, least allocated cpu and
 * memory 1, balanced cpu and memory 1. Ties go to the node whose name sorts first, so that
 * placement is reproducible.
 */
final class Scores {
  static final long MAX = 100;
  static final long TAINT_WEIGHT = 3;
  static final long NODE_AFFINITY_WEIGHT = 2;
  static final long SPREAD_WEIGHT = 2;
  static final long POD_AFFINITY_WEIGHT = 2;

  private Scores() {}

  /**
   * The best node for the pod among {@code feasible}, which must not be empty.
   *
   * @param podAffinity each node's raw {@link PodAffinityScores}, by name
   */
  static NodeInfo best(Pod pod, List<NodeInfo> feasible, Map<String, Long> podAffinity) {
    Map<String, Long> totals = totals(pod, feasible, podAffinity);
    return feasible.stream()
        .min(
            Comparator.comparingLong((NodeInfo info) -> -totals.get(info.name()))
                .thenComparing(NodeInfo::name))
        .orElseThrow();
  }

  /**
   * The weighted sum of every part for each node, by name (a node's name is its identity here;
   * hashing the NodeInfo record would hash the node and all its pods).
   */
  static Map<String, Long> totals(Pod pod, List<NodeInfo> feasible, Map<String, Long> podAffinity) {
    Optional<String> owner = controllerUid(pod);
    List<long[]> raw = new ArrayList<>(feasible.size());
    long maxSame = 0;
    long maxTaints = 0;
    long maxPreferred = 0;
    long minAffinity = Long.MAX_VALUE;
    long maxAffinity = Long.MIN_VALUE;
    for (NodeInfo info : feasible) {
      long same = owner.map(uid -> countControlledBy(info, uid)).orElse(0L);
      long taints = Taints.untoleratedPreferences(pod, info.node());
      long preferred = NodeAffinity.preferredWeight(pod, info.node());
      long affinity = podAffinity.getOrDefault(info.name(), 0L);
      raw.add(new long[] {same, taints, preferred, affinity});
      maxSame = Math.max(maxSame, same);
      maxTaints = Math.max(maxTaints, taints);
      maxPreferred = Math.max(maxPreferred, preferred);
      minAffinity = Math.min(minAffinity, affinity);
      maxAffinity = Math.max(maxAffinity, affinity);
    }
    Map<String, Long> totals = new HashMap<>();
    for (int i = 0; i < feasible.size(); i++) {
      NodeInfo info = feasible.get(i);
      long[] r = raw.get(i);
      long affinitySpan = maxAffinity - minAffinity;
      long total =
          leastAllocated(pod, info)
              + balancedAllocation(pod, info)
              + TAINT_WEIGHT * fewerIsBetter(r[1], maxTaints)
              + NODE_AFFINITY_WEIGHT * (maxPreferred == 0 ? 0 : r[2] * MAX / maxPreferred)
              + SPREAD_WEIGHT * fewerIsBetter(r[0], maxSame)
              + POD_AFFINITY_WEIGHT
                  * (affinitySpan == 0 ? 0 : (r[3] - minAffinity) * MAX / affinitySpan);
      totals.put(info.name(), total);
    }
    return totals;
  }

  /** The mean over cpu and memory of the share left free once the pod is there, times 100. */
  static long leastAllocated(Pod pod, NodeInfo info) {
    List<BigDecimal> shares = usedShares(pod, info);
    long sum = 0;
    for (BigDecimal used : shares) {
      sum += BigDecimal.ONE.subtract(used).multiply(BigDecimal.valueOf(MAX)).longValue();
    }
    return shares.isEmpty() ? 0 : sum / shares.size();
  }

  /**
   * 100 when cpu and memory would be used in the same share once the pod is there, less the further
   * apart they are (100 times one minus their standard deviation), so that no node runs out of one
   * while the other lies idle.
   */
  static long balancedAllocation(Pod pod, NodeInfo info) {
    List<BigDecimal> shares = usedShares(pod, info);
    if (shares.size() < 2) {
      return MAX;
    }
    BigDecimal deviation =
        shares.get(0).subtract(shares.get(1)).abs().divide(BigDecimal.valueOf(2));
    return BigDecimal.ONE.subtract(deviation).multiply(BigDecimal.valueOf(MAX)).longValue();
  }

  /** The share, 0 to 1, of the node's cpu and memory (those it has) in use with the pod there. */
  private static List<BigDecimal> usedShares(Pod pod, NodeInfo info) {
    Map<String, BigDecimal> allocatable = info.allocatable();
    Map<String, BigDecimal> wanted = Resources.nonZeroRequests(pod);
    List<BigDecimal> shares = new ArrayList<>();
    for (String name : List.of(Resources.CPU, Resources.MEMORY)) {
      BigDecimal capacity = allocatable.getOrDefault(name, BigDecimal.ZERO);
      if (capacity.signum() <= 0) {
        continue;
      }
      BigDecimal used =
          info.nonZeroRequested().getOrDefault(name, BigDecimal.ZERO).add(wanted.get(name));
      shares.add(
          used.divide(capacity, MathContext.DECIMAL64)
              .min(BigDecimal.ONE)
              .setScale(4, RoundingMode.DOWN));
    }
    return shares;
  }

  /** 100 for none, 0 for the most: fewer is better. */
  private static long fewerIsBetter(long value, long max) {
    return max == 0 ? MAX : (max - value) * MAX / max;
  }

  private static long countControlledBy(NodeInfo info, String uid) {
    return info.controlled().getOrDefault(uid, 0L);
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
