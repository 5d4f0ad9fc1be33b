package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node with the pods bound (or being bound) to it, and what they add up to: one entry of the
 * {@link SchedulingCache}'s snapshot, built when the node or its pods change and then reused by
 * every placement until they change again. Immutable.
 *
 * @param node the node
 * @param allocatable the node's allocatable amounts
 * @param pods slim copies ({@link PlacedPod#pod}) of the pods on it that are not finished
 * @param withAffinity those of {@code pods} that declare pod affinity or anti-affinity
 * @param requested the sum of the pods' requests, with {@code pods} counting one each
 * @param nonZeroRequested the sum of their cpu and memory as scoring counts them
 * @param controlled how many of the pods each controller (by uid) owns
 */
record NodeInfo(
    Node node,
    Map<String, BigDecimal> allocatable,
    List<Pod> pods,
    List<Pod> withAffinity,
    Map<String, BigDecimal> requested,
    Map<String, BigDecimal> nonZeroRequested,
    Map<String, Long> controlled) {

  /** The node with {@code pods} on it. */
  static NodeInfo of(Node node, List<Pod> pods) {
    return ofPlaced(node, pods.stream().map(PlacedPod::of).toList());
  }

  /** The node with {@code placed} on it. */
  static NodeInfo ofPlaced(Node node, Collection<PlacedPod> placed) {
    List<Pod> pods = new ArrayList<>(placed.size());
    List<Pod> withAffinity = new ArrayList<>();
    Map<String, BigDecimal> requested = new HashMap<>();
    Map<String, BigDecimal> nonZero = new HashMap<>();
    Map<String, Long> controlled = new HashMap<>();
    for (PlacedPod pod : placed) {
      pods.add(pod.pod());
      if (pod.hasAffinity()) {
        withAffinity.add(pod.pod());
      }
      pod.requests().forEach((name, amount) -> requested.merge(name, amount, BigDecimal::add));
      pod.nonZeroRequests().forEach((name, amount) -> nonZero.merge(name, amount, BigDecimal::add));
      if (pod.controllerUid() != null) {
        controlled.merge(pod.controllerUid(), 1L, Long::sum);
      }
    }
    requested.put(Resources.PODS, BigDecimal.valueOf(pods.size()));
    Map<String, BigDecimal> allocatable =
        Resources.of(node.getStatus() == null ? null : node.getStatus().getAllocatable());
    return new NodeInfo(
        node,
        Map.copyOf(allocatable),
        List.copyOf(pods),
        List.copyOf(withAffinity),
        Map.copyOf(requested),
        Map.copyOf(nonZero),
        Map.copyOf(controlled));
  }

  String name() {
    return node.getMetadata().getName();
  }

  /** The node's labels; empty when it has none. */
  Map<String, String> labels() {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}
