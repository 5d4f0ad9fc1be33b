package io.bosun.controllers.nodelifecycle;

import io.bosun.controller.informer.Informer;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** The pods bound to a node, found through an index of the shared pod informer. */
final class PodsByNode {
  /** The index's name; prefixed so that another controller's index of the same field is apart. */
  static final String INDEX = "nodelifecycle/spec.nodeName";

  private final Informer<Pod> pods;

  private PodsByNode(Informer<Pod> pods) {
    this.pods = pods;
  }

  /** The pods of {@code pods}' cache by node; adds the index unless a controller did already. */
  static PodsByNode over(Informer<Pod> pods) {
    // The node lifecycle and taint eviction controllers share the index on one informer.
    pods.addIndexerIfAbsent(INDEX, PodsByNode::nodeOf);
    return new PodsByNode(pods);
  }

  /** The cached pods bound to {@code node}. */
  List<Pod> on(String node) {
    return pods.byIndex(INDEX, node);
  }

  private static List<String> nodeOf(Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return node == null || node.isEmpty() ? List.of() : List.of(node);
  }
}
