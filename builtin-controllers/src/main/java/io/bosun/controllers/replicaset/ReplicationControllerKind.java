package io.bosun.controllers.replicaset;

import io.bosun.controllers.labels.Selectors;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerCondition;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import java.util.List;
import java.util.Map;

/** The core/v1 ReplicationController, whose selector is a plain map of labels. */
final class ReplicationControllerKind implements ReplicatedKind<ReplicationController> {

  @Override
  public Class<ReplicationController> type() {
    return ReplicationController.class;
  }

  @Override
  public String component() {
    return "replication-controller";
  }

  @Override
  public int replicas(ReplicationController owner) {
    Integer replicas = owner.getSpec() == null ? null : owner.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  @Override
  public int minReadySeconds(ReplicationController owner) {
    Integer seconds = owner.getSpec() == null ? null : owner.getSpec().getMinReadySeconds();
    return seconds == null ? 0 : seconds;
  }

  @Override
  public boolean selects(ReplicationController owner, Map<String, String> labels) {
    Map<String, String> selector = owner.getSpec() == null ? null : owner.getSpec().getSelector();
    return selector != null && !selector.isEmpty() && Selectors.matches(selector, labels);
  }

  @Override
  public PodTemplateSpec template(ReplicationController owner) {
    return owner.getSpec() == null ? null : owner.getSpec().getTemplate();
  }

  @Override
  public ReplicaStatus status(ReplicationController owner) {
    ReplicationControllerStatus status = owner.getStatus();
    if (status == null) {
      return new ReplicaStatus(0, 0, 0, 0, 0, List.of());
    }
    List<ReplicaStatus.Condition> conditions =
        status.getConditions() == null
            ? List.of()
            : status.getConditions().stream().map(ReplicationControllerKind::condition).toList();
    return new ReplicaStatus(
        ReplicaSetKind.orZero(status.getReplicas()),
        ReplicaSetKind.orZero(status.getFullyLabeledReplicas()),
        ReplicaSetKind.orZero(status.getReadyReplicas()),
        ReplicaSetKind.orZero(status.getAvailableReplicas()),
        status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
        conditions);
  }

  private static ReplicaStatus.Condition condition(ReplicationControllerCondition c) {
    return new ReplicaStatus.Condition(
        c.getType(), c.getStatus(), c.getLastTransitionTime(), c.getReason(), c.getMessage());
  }
}
