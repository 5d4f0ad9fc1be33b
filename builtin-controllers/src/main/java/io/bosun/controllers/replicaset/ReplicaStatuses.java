package io.bosun.controllers.replicaset;

import io.bosun.controllers.labels.Selectors;
import io.bosun.controllers.pods.PodStates;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Computes a replica controller's status from the pods it owns, as Kubernetes' calculateStatus. */
final class ReplicaStatuses {
  private ReplicaStatuses() {}

  /**
   * The status {@code owned} (the owner's active pods) give at {@code now}. The {@code
   * ReplicaFailure} condition is set when the last attempt to create or delete pods failed ({@code
   * failure} not null) and cleared when it succeeded; an existing one keeps its first message.
   */
  static <R extends HasMetadata> ReplicaStatus compute(
      ReplicatedKind<R> kind, R owner, List<Pod> owned, Throwable failure, Instant now) {
    PodTemplateSpec template = kind.template(owner);
    Map<String, String> templateLabels =
        template == null || template.getMetadata() == null
            ? Map.of()
            : template.getMetadata().getLabels();
    int minReady = kind.minReadySeconds(owner);
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (Pod pod : owned) {
      if (Selectors.matches(templateLabels, pod.getMetadata().getLabels())) {
        fullyLabeled++;
      }
      if (PodStates.isReady(pod)) {
        ready++;
      }
      if (PodStates.isAvailable(pod, minReady, now)) {
        available++;
      }
    }
    ReplicaStatus current = kind.status(owner);
    Long generation = owner.getMetadata().getGeneration();
    ReplicaStatus next =
        new ReplicaStatus(
            owned.size(),
            fullyLabeled,
            ready,
            available,
            generation == null ? 0 : generation,
            current.conditions());
    boolean failing = current.condition(ReplicaStatus.REPLICA_FAILURE).isPresent();
    if (failure != null && !failing) {
      int diff = owned.size() - kind.replicas(owner);
      return next.withCondition(
          new ReplicaStatus.Condition(
              ReplicaStatus.REPLICA_FAILURE,
              "True",
              now.truncatedTo(ChronoUnit.SECONDS).toString(),
              diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : null,
              ReplicaReconciler.message(failure)));
    }
    if (failure == null && failing) {
      return next.withoutCondition(ReplicaStatus.REPLICA_FAILURE);
    }
    return next;
  }
}
