package io.bosun.controllers.replicaset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The status a ReplicaSet and a ReplicationController share, independent of the two model classes.
 *
 * @param replicas the active pods the controller owns
 * @param fullyLabeledReplicas those whose labels include all of the template's
 * @param readyReplicas those that are ready
 * @param availableReplicas those ready for at least minReadySeconds
 * @param observedGeneration the generation of the spec these numbers answer
 * @param conditions the conditions (only {@code ReplicaFailure} exists)
 */
record ReplicaStatus(
    int replicas,
    int fullyLabeledReplicas,
    int readyReplicas,
    int availableReplicas,
    long observedGeneration,
    List<Condition> conditions) {

  /** The condition type set while pods cannot be created or deleted. */
  static final String REPLICA_FAILURE = "ReplicaFailure";

  /** One condition, as both kinds write it. */
  record Condition(
      String type, String status, String lastTransitionTime, String reason, String message) {}

  ReplicaStatus {
    conditions = List.copyOf(conditions);
  }

  Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** This status with {@code condition} replacing any of its type. */
  ReplicaStatus withCondition(Condition condition) {
    List<Condition> updated = new ArrayList<>(withoutCondition(condition.type()).conditions);
    updated.add(condition);
    return withConditions(updated);
  }

  ReplicaStatus withoutCondition(String type) {
    return withConditions(conditions.stream().filter(c -> !c.type().equals(type)).toList());
  }

  private ReplicaStatus withConditions(List<Condition> list) {
    return new ReplicaStatus(
        replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, list);
  }

  /**
   * The status as the body of a merge patch that replaces it: zero counts are removed, as
   * Kubernetes leaves them out ({@code omitempty}), except {@code replicas}.
   */
  Map<String, Object> toPatch() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("replicas", replicas);
    status.put("fullyLabeledReplicas", positive(fullyLabeledReplicas));
    status.put("readyReplicas", positive(readyReplicas));
    status.put("availableReplicas", positive(availableReplicas));
    status.put("observedGeneration", observedGeneration > 0 ? observedGeneration : null);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Condition c : conditions) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", c.type());
      entry.put("status", c.status());
      entry.put("lastTransitionTime", c.lastTransitionTime());
      entry.put("reason", c.reason());
      entry.put("message", c.message());
      entry.values().removeIf(Objects::isNull);
      list.add(entry);
    }
    status.put("conditions", list.isEmpty() ? null : list);
    return Map.of("status", status);
  }

  private static Integer positive(int value) {
    return value > 0 ? value : null;
  }
}
