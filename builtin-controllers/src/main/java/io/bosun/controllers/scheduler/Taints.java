package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's taints against a pod's tolerations. A node that is not Ready, or is cordoned, is treated
 * as carrying the taint Kubernetes' node lifecycle controller gives it ({@code
 * node.kubernetes.io/not-ready}, {@code node.kubernetes.io/unschedulable}), so a pod that tolerates
 * that taint may still go there, as on Kubernetes.
 */
final class Taints {
  static final String NO_SCHEDULE = "NoSchedule";
  static final String NO_EXECUTE = "NoExecute";
  static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
  static final String NOT_READY = "node.kubernetes.io/not-ready";
  static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

  private Taints() {}

  /** The first NoSchedule or NoExecute taint the pod does not tolerate, if any. */
  static Optional<Taint> untolerated(Pod pod, Node node) {
    for (Taint taint : taints(node)) {
      boolean blocks =
          NO_SCHEDULE.equals(taint.getEffect()) || NO_EXECUTE.equals(taint.getEffect());
      if (blocks && !tolerated(pod, taint)) {
        return Optional.of(taint);
      }
    }
    return Optional.empty();
  }

  /** How many PreferNoSchedule taints of the node the pod does not tolerate. */
  static int untoleratedPreferences(Pod pod, Node node) {
    int count = 0;
    for (Taint taint : taints(node)) {
      if (PREFER_NO_SCHEDULE.equals(taint.getEffect()) && !tolerated(pod, taint)) {
        count++;
      }
    }
    return count;
  }

  /** Whether the node is cordoned and the pod does not tolerate it. */
  static boolean unschedulable(Pod pod, Node node) {
    return node.getSpec() != null
        && Boolean.TRUE.equals(node.getSpec().getUnschedulable())
        && !tolerated(pod, new Taint(NO_SCHEDULE, UNSCHEDULABLE, null, null));
  }

  /** The not-ready taint, if the node is not Ready and the pod does not tolerate that. */
  static Optional<Taint> notReady(Pod pod, Node node) {
    if (ready(node)) {
      return Optional.empty();
    }
    Taint taint = new Taint(NO_SCHEDULE, NOT_READY, null, null);
    return tolerated(pod, taint) ? Optional.empty() : Optional.of(taint);
  }

  /** Whether the node's Ready condition is True. */
  static boolean ready(Node node) {
    if (node.getStatus() == null) {
      return false;
    }
    for (NodeCondition condition : orEmpty(node.getStatus().getConditions())) {
      if ("Ready".equals(condition.getType())) {
        return "True".equals(condition.getStatus());
      }
    }
    return false;
  }

  static boolean tolerated(Pod pod, Taint taint) {
    for (Toleration toleration : orEmpty(pod.getSpec().getTolerations())) {
      if (tolerates(toleration, taint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Kubernetes' rule: an empty effect matches every effect; an empty key with Exists matches every
   * taint; Exists ignores the value; Equal (the default) compares it.
   */
  static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.getEffect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
      return false;
    }
    String key = toleration.getKey();
    boolean exists = "Exists".equals(toleration.getOperator());
    if (key == null || key.isEmpty()) {
      return exists;
    }
    if (!key.equals(taint.getKey())) {
      return false;
    }
    return exists || nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
  }

  /** Kubernetes' wording: {@code {key: value}}. */
  static String describe(Taint taint) {
    return "{" + taint.getKey() + ": " + nullToEmpty(taint.getValue()) + "}";
  }

  /** The node's taints; none when it has no spec (a node registered with metadata only). */
  private static List<Taint> taints(Node node) {
    return node.getSpec() == null ? List.of() : orEmpty(node.getSpec().getTaints());
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? new ArrayList<>() : list;
  }
}
