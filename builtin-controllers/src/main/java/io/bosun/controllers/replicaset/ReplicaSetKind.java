package io.bosun.controllers.replicaset;

import io.bosun.controllers.labels.Selectors;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.util.List;
import java.util.Map;

/** The apps/v1 ReplicaSet, with a LabelSelector. */
final class ReplicaSetKind implements ReplicatedKind<ReplicaSet> {

  @Override
  public Class<ReplicaSet> type() {
    return ReplicaSet.class;
  }

  @Override
  public String component() {
    return "replicaset-controller";
  }

  @Override
  public int replicas(ReplicaSet owner) {
    Integer replicas = owner.getSpec() == null ? null : owner.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  @Override
  public int minReadySeconds(ReplicaSet owner) {
    Integer seconds = owner.getSpec() == null ? null : owner.getSpec().getMinReadySeconds();
    return seconds == null ? 0 : seconds;
  }

  @Override
  public boolean selects(ReplicaSet owner, Map<String, String> labels) {
    // An empty selector would select every pod of the namespace: Kubernetes treats it as none.
    return owner.getSpec() != null
        && !Selectors.isEmpty(owner.getSpec().getSelector())
        && Selectors.matches(owner.getSpec().getSelector(), labels);
  }

  @Override
  public PodTemplateSpec template(ReplicaSet owner) {
    return owner.getSpec() == null ? null : owner.getSpec().getTemplate();
  }

  @Override
  public ReplicaStatus status(ReplicaSet owner) {
    ReplicaSetStatus status = owner.getStatus();
    if (status == null) {
      return new ReplicaStatus(0, 0, 0, 0, 0, List.of());
    }
    List<ReplicaStatus.Condition> conditions =
        status.getConditions() == null
            ? List.of()
            : status.getConditions().stream().map(ReplicaSetKind::condition).toList();
    return new ReplicaStatus(
        orZero(status.getReplicas()),
        orZero(status.getFullyLabeledReplicas()),
        orZero(status.getReadyReplicas()),
        orZero(status.getAvailableReplicas()),
        status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
        conditions);
  }

  private static ReplicaStatus.Condition condition(ReplicaSetCondition c) {
    return new ReplicaStatus.Condition(
        c.getType(), c.getStatus(), c.getLastTransitionTime(), c.getReason(), c.getMessage());
  }

  static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
