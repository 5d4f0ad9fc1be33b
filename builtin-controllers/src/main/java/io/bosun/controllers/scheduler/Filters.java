package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The checks that decide whether a pod fits a node, in Kubernetes' order (unschedulable, taints,
 * node affinity, resources, pod affinity). The first check that fails gives the reasons, in
 * Kubernetes' words, so that a FailedScheduling message reads as it does there.
 */
final class Filters {
  static final String UNSCHEDULABLE = "node(s) were unschedulable";
  static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
  static final String TOO_MANY_PODS = "Too many pods";

  private Filters() {}

  /** Why the pod does not fit the node; empty when it fits. */
  static List<String> reasons(Pod pod, NodeInfo info, PodAffinity podAffinity) {
    if (Taints.unschedulable(pod, info.node())) {
      return List.of(UNSCHEDULABLE);
    }
    Optional<Taint> taint =
        Taints.notReady(pod, info.node()).or(() -> Taints.untolerated(pod, info.node()));
    if (taint.isPresent()) {
      return List.of("node(s) had untolerated taint " + Taints.describe(taint.get()));
    }
    if (!NodeAffinity.required(pod, info.node())) {
      return List.of(AFFINITY);
    }
    List<String> insufficient = insufficient(pod, info);
    if (!insufficient.isEmpty()) {
      return insufficient;
    }
    return podAffinity.reason(info).map(List::of).orElse(List.of());
  }

  /**
   * The resources the node lacks for the pod: every requested resource (the pod slot included)
   * whose allocatable amount minus what is requested there already is less than the request. A
   * resource the node does not list has none allocatable.
   */
  static List<String> insufficient(Pod pod, NodeInfo info) {
    Map<String, BigDecimal> allocatable = info.allocatable();
    List<String> reasons = new ArrayList<>();
    BigDecimal maxPods = allocatable.get(Resources.PODS);
    if (maxPods != null
        && info.requested().get(Resources.PODS).add(BigDecimal.ONE).compareTo(maxPods) > 0) {
      reasons.add(TOO_MANY_PODS);
    }
    Map<String, BigDecimal> requests = Resources.requests(pod);
    for (String name : new TreeSet<>(requests.keySet())) {
      BigDecimal wanted = requests.get(name);
      if (wanted.signum() <= 0 || name.equals(Resources.PODS)) {
        continue;
      }
      BigDecimal free =
          allocatable
              .getOrDefault(name, BigDecimal.ZERO)
              .subtract(info.requested().getOrDefault(name, BigDecimal.ZERO));
      if (wanted.compareTo(free) > 0) {
        reasons.add("Insufficient " + name);
      }
    }
    return reasons;
  }
}
