package io.bosun.controllers.deployment;

import io.bosun.controller.reconcile.Result;
import io.bosun.controllers.pods.PodStates;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status from its ReplicaSets, and the Progressing and Available conditions with the
 * progress deadline, as Kubernetes' calculateStatus and syncRolloutStatus compute them.
 */
final class Statuses {
  /** progressDeadlineSeconds meaning "no deadline": the largest int32. */
  static final int NO_DEADLINE = Integer.MAX_VALUE;

  private final Writes writes;

  Statuses(Writes writes) {
    this.writes = writes;
  }

  static boolean hasProgressDeadline(Deployment d) {
    Integer deadline = d.getSpec().getProgressDeadlineSeconds();
    return deadline != null && deadline != NO_DEADLINE;
  }

  /** The counts and the Available condition; other conditions are carried over. */
  static DeploymentStatus calculate(Sync sync) {
    Deployment d = sync.deployment;
    List<ReplicaSet> all = sync.allWithNew();
    int available = ReplicaSets.totalAvailable(all);
    DeploymentStatus status = sync.statusCopy();
    status.setObservedGeneration(d.getMetadata().getGeneration());
    status.setReplicas(ReplicaSets.totalActual(all));
    status.setUpdatedReplicas(ReplicaSets.statusReplicas(sync.newRs));
    status.setReadyReplicas(ReplicaSets.totalReady(all));
    status.setAvailableReplicas(available);
    status.setUnavailableReplicas(Math.max(0, ReplicaSets.totalReplicas(all) - available));
    if (available >= Fenceposts.desired(d) - Fenceposts.maxUnavailable(d)) {
      Conditions.set(
          status,
          Conditions.of(
              Conditions.AVAILABLE,
              "True",
              Conditions.MINIMUM_AVAILABLE,
              "Deployment has minimum availability.",
              sync.now));
    } else {
      Conditions.set(
          status,
          Conditions.of(
              Conditions.AVAILABLE,
              "False",
              Conditions.MINIMUM_UNAVAILABLE,
              "Deployment does not have minimum availability.",
              sync.now));
    }
    return status;
  }

  /** Writes the calculated status (no progress estimate): paused or scaling syncs. */
  Uni<Result> syncStatus(Sync sync) {
    return writes.writeStatus(sync, calculate(sync)).replaceWith(Result.done());
  }

  /**
   * Writes the calculated status with the Progressing condition brought up to date: complete,
   * progressing, or past its deadline; and looks again when the deadline could pass.
   */
  Uni<Result> syncRolloutStatus(Sync sync) {
    Deployment d = sync.deployment;
    DeploymentStatus status = calculate(sync);
    if (!hasProgressDeadline(d)) {
      Conditions.remove(status, Conditions.PROGRESSING);
    }
    Optional<DeploymentCondition> current = Conditions.get(d.getStatus(), Conditions.PROGRESSING);
    boolean complete =
        intOf(status.getReplicas()) == intOf(status.getUpdatedReplicas())
            && current.map(c -> Conditions.NEW_RS_AVAILABLE.equals(c.getReason())).orElse(false);
    if (hasProgressDeadline(d) && !complete) {
      String subject =
          sync.newRs == null
              ? "Deployment \"" + d.getMetadata().getName() + "\""
              : "ReplicaSet \"" + sync.newRs.getMetadata().getName() + "\"";
      if (isComplete(d, status)) {
        Conditions.set(
            status,
            Conditions.of(
                Conditions.PROGRESSING,
                "True",
                Conditions.NEW_RS_AVAILABLE,
                subject + " has successfully progressed.",
                sync.now));
      } else if (isProgressing(d, status)) {
        DeploymentCondition progressing =
            Conditions.of(
                Conditions.PROGRESSING,
                "True",
                Conditions.RS_UPDATED,
                subject + " is progressing.",
                sync.now);
        // Progress moves lastUpdateTime even when the reason stays.
        if (current.isPresent()) {
          if ("True".equals(current.get().getStatus())) {
            progressing.setLastTransitionTime(current.get().getLastTransitionTime());
          }
          Conditions.remove(status, Conditions.PROGRESSING);
        }
        Conditions.set(status, progressing);
      } else if (timedOut(d, status, sync.now)) {
        Conditions.set(
            status,
            Conditions.of(
                Conditions.PROGRESSING,
                "False",
                Conditions.TIMED_OUT,
                subject + " has timed out progressing.",
                sync.now));
      }
    }
    Optional<DeploymentCondition> failure = replicaFailure(sync);
    if (failure.isPresent()) {
      Conditions.set(status, failure.get());
    } else {
      Conditions.remove(status, Conditions.REPLICA_FAILURE);
    }
    Optional<Duration> recheck = recheckAfter(d, status, sync.now);
    return writes
        .writeStatus(sync, status)
        .replaceWith(recheck.map(Result::requeueAfter).orElse(Result.done()));
  }

  /** Every replica updated and available, for the latest generation. */
  static boolean isComplete(Deployment d, DeploymentStatus status) {
    int desired = Fenceposts.desired(d);
    return intOf(status.getUpdatedReplicas()) == desired
        && intOf(status.getReplicas()) == desired
        && intOf(status.getAvailableReplicas()) == desired
        && longOf(status.getObservedGeneration()) >= longOf(d.getMetadata().getGeneration());
  }

  /** Whether the new status shows progress over the Deployment's recorded one. */
  private static boolean isProgressing(Deployment d, DeploymentStatus status) {
    DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    int oldOld = intOf(old.getReplicas()) - intOf(old.getUpdatedReplicas());
    int newOld = intOf(status.getReplicas()) - intOf(status.getUpdatedReplicas());
    return intOf(status.getUpdatedReplicas()) > intOf(old.getUpdatedReplicas())
        || newOld < oldOld
        || intOf(status.getReadyReplicas()) > intOf(old.getReadyReplicas())
        || intOf(status.getAvailableReplicas()) > intOf(old.getAvailableReplicas());
  }

  /** Whether progress was last seen longer than the deadline ago. */
  private static boolean timedOut(Deployment d, DeploymentStatus status, Instant now) {
    Optional<DeploymentCondition> progressing = Conditions.get(status, Conditions.PROGRESSING);
    if (progressing.isEmpty()
        || Conditions.NEW_RS_AVAILABLE.equals(progressing.get().getReason())) {
      return false;
    }
    if (Conditions.TIMED_OUT.equals(progressing.get().getReason())) {
      return true;
    }
    return PodStates.parseTime(progressing.get().getLastUpdateTime())
        .map(from -> from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now))
        .orElse(false);
  }

  /**
   * When to look again for the deadline to pass: after the time left of the last progress, when a
   * rollout is under way and has not timed out. Kubernetes' requeueStuckDeployment.
   */
  private static Optional<Duration> recheckAfter(
      Deployment d, DeploymentStatus status, Instant now) {
    Optional<DeploymentCondition> current = Conditions.get(d.getStatus(), Conditions.PROGRESSING);
    if (!hasProgressDeadline(d)
        || current.isEmpty()
        || isComplete(d, status)
        || Conditions.TIMED_OUT.equals(current.get().getReason())) {
      return Optional.empty();
    }
    Optional<Instant> updated = PodStates.parseTime(current.get().getLastUpdateTime());
    if (updated.isEmpty()) {
      return Optional.empty();
    }
    Duration after =
        Duration.between(now, updated.get().plusSeconds(d.getSpec().getProgressDeadlineSeconds()));
    return Optional.of(after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : after);
  }

  /** The ReplicaFailure condition of the new ReplicaSet, else of an old one. */
  private static Optional<DeploymentCondition> replicaFailure(Sync sync) {
    List<ReplicaSet> order = new ArrayList<>();
    if (sync.newRs != null) {
      order.add(sync.newRs);
    }
    order.addAll(sync.olds);
    for (ReplicaSet rs : order) {
      if (rs.getStatus() == null || rs.getStatus().getConditions() == null) {
        continue;
      }
      for (ReplicaSetCondition c : rs.getStatus().getConditions()) {
        if (Conditions.REPLICA_FAILURE.equals(c.getType())) {
          DeploymentCondition condition =
              Conditions.of(
                  Conditions.REPLICA_FAILURE,
                  c.getStatus(),
                  c.getReason(),
                  c.getMessage(),
                  sync.now);
          condition.setLastUpdateTime(c.getLastTransitionTime());
          condition.setLastTransitionTime(c.getLastTransitionTime());
          return Optional.of(condition);
        }
      }
    }
    return Optional.empty();
  }

  static int intOf(Integer value) {
    return value == null ? 0 : value;
  }

  static long longOf(Long value) {
    return value == null ? 0 : value;
  }
}
