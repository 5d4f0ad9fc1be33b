package io.bosun.controllers.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Why no node took a pod, counted by reason, worded as Kubernetes' scheduler words it. */
final class FitError {
  private final int nodes;
  private final Map<String, Integer> counts = new TreeMap<>();

  FitError(int nodes) {
    this.nodes = nodes;
  }

  /** Counts the reasons one node refused the pod for. */
  void add(List<String> reasons) {
    reasons.forEach(reason -> counts.merge(reason, 1, Integer::sum));
  }

  /**
   * For example {@code 0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's
   * node affinity/selector.}, the counted reasons sorted as text, as Kubernetes sorts them.
   */
  String message() {
    if (nodes == 0) {
      return "no nodes available to schedule pods";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((reason, count) -> parts.add(count + " " + reason));
    Collections.sort(parts);
    return "0/" + nodes + " nodes are available: " + String.join(", ", parts) + ".";
  }
}
