package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node with the pods bound (or being bound) to it, and what they request in total.
 *
 * @param node the node
 * @param pods the pods on it that are not finished
 * @param requested the sum of the pods' requests, with {@code pods} counting one each
 * @param nonZeroRequested the sum of their cpu and memory as scoring counts them
 */
record NodeInfo(
    Node node,
    List<Pod> pods,
    Map<String, BigDecimal> requested,
    Map<String, BigDecimal> nonZeroRequested) {

  static NodeInfo of(Node node, List<Pod> pods) {
    Map<String, BigDecimal> requested = new HashMap<>();
    Map<String, BigDecimal> nonZero = new HashMap<>();
    for (Pod pod : pods) {
      Resources.requests(pod)
          .forEach((name, amount) -> requested.merge(name, amount, BigDecimal::add));
      Resources.nonZeroRequests(pod)
          .forEach((name, amount) -> nonZero.merge(name, amount, BigDecimal::add));
    }
    requested.put(Resources.PODS, BigDecimal.valueOf(pods.size()));
    return new NodeInfo(node, List.copyOf(pods), Map.copyOf(requested), Map.copyOf(nonZero));
  }

  String name() {
    return node.getMetadata().getName();
  }

  /** The node's labels; empty when it has none. */
  Map<String, String> labels() {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  Map<String, BigDecimal> allocatable() {
    return Resources.of(node.getStatus() == null ? null : node.getStatus().getAllocatable());
  }
}
