package io.bosun.controllers.deployment;

import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.reconcile.TerminalException;
import io.bosun.controllers.events.EventRecorder;
import io.bosun.controllers.labels.Selectors;
import io.bosun.controllers.ownership.Claims;
import io.bosun.controllers.ownership.ControlledObjects;
import io.bosun.controllers.ownership.ControllerRefs;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reconciles one Deployment as Kubernetes' syncDeployment: claims its ReplicaSets, then either only
 * reports status (being deleted), scales (paused, or {@code replicas} changed), or takes one step
 * of its rollout strategy, and brings the status and conditions up to date.
 */
final class DeploymentReconciler implements Reconciler {
  private final Informer<Deployment> deployments;
  private final Informer<ReplicaSet> replicaSets;
  private final Claims<ReplicaSet> claims;
  private final Writes writes;
  private final NewReplicaSets newReplicaSets;
  private final Scaling scaling;
  private final Statuses statuses;
  private final Rollouts rollouts;
  private final Clock clock;
  private final ControlledObjects<ReplicaSet> replicaSetsByController;
  private final ControlledObjects<Pod> podsByController;

  DeploymentReconciler(Writes writes, Informer<Pod> pods, Clock clock) {
    this.writes = writes;
    this.deployments = writes.deploymentCache;
    this.replicaSets = writes.replicaSetCache;
    this.claims = new Claims<>(writes.replicaSets, writes.replicaSetCache);
    this.replicaSetsByController = ControlledObjects.over(writes.replicaSetCache);
    this.podsByController = ControlledObjects.over(pods);
    this.newReplicaSets = new NewReplicaSets(writes);
    this.scaling = new Scaling(writes);
    this.statuses = new Statuses(writes);
    this.rollouts = new Rollouts(writes, newReplicaSets, statuses);
    this.clock = clock;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    Optional<Deployment> found = deployments.get(request.namespace(), request.name());
    if (found.isEmpty()) {
      return Uni.createFrom().item(Result.done());
    }
    Deployment d = found.get();
    if (Selectors.isEmpty(d.getSpec().getSelector())) {
      return selectingAll(d);
    }
    List<ReplicaSet> candidates =
        replicaSetsByController.claimable(request.namespace(), d.getMetadata().getUid());
    return claims
        .claim(
            d,
            rs -> Selectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels()),
            candidates,
            () -> recheck(d))
        .flatMap(
            claimed -> {
              Sync sync = new Sync(d, claimed, () -> podsByReplicaSet(d, claimed), clock.instant());
              try {
                Fenceposts.maxSurge(d);
                Fenceposts.maxUnavailable(d);
              } catch (IllegalArgumentException invalid) {
                // An unreadable maxSurge or maxUnavailable: retrying cannot help, a new spec will.
                return Uni.createFrom()
                    .failure(new TerminalException(invalid.getMessage(), invalid));
              }
              return sync(sync);
            })
        // Something the cache still showed is gone; its deletion event brings us back if needed.
        .onFailure(NotFoundException.class)
        .recoverWithItem(Result.done());
  }

  private Uni<Result> sync(Sync sync) {
    Deployment d = sync.deployment;
    if (ControllerRefs.isBeingDeleted(d)) {
      return newReplicaSets.resolve(sync, false).flatMap(ignored -> statuses.syncStatus(sync));
    }
    return pausedConditions(sync)
        .flatMap(ignored -> newReplicaSets.resolve(sync, false))
        .flatMap(
            ignored -> {
              if (Boolean.TRUE.equals(sync.deployment.getSpec().getPaused())
                  || Scaling.isScalingEvent(sync)) {
                return scaleOnly(sync);
              }
              return Fenceposts.isRollingUpdate(sync.deployment)
                  ? rollouts.rolling(sync)
                  : rollouts.recreate(sync);
            });
  }

  /** Sizes the ReplicaSets for {@code replicas} without rolling, then the status. */
  private Uni<Result> scaleOnly(Sync sync) {
    return scaling
        .scale(sync)
        .flatMap(
            ignored ->
                Boolean.TRUE.equals(sync.deployment.getSpec().getPaused())
                    ? rollouts.cleanUp(sync)
                    : Uni.createFrom().voidItem())
        .flatMap(ignored -> statuses.syncStatus(sync));
  }

  /**
   * Marks pausing and resuming in the Progressing condition (Unknown), so that a paused Deployment
   * does not time out; a timed-out one keeps saying so.
   */
  private Uni<Void> pausedConditions(Sync sync) {
    Deployment d = sync.deployment;
    if (!Statuses.hasProgressDeadline(d)) {
      return Uni.createFrom().voidItem();
    }
    Optional<String> reason =
        Conditions.get(d.getStatus(), Conditions.PROGRESSING).map(c -> c.getReason());
    if (reason.filter(Conditions.TIMED_OUT::equals).isPresent()) {
      return Uni.createFrom().voidItem();
    }
    boolean pausedMarked = reason.filter(Conditions.PAUSED::equals).isPresent();
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    DeploymentStatus status = sync.statusCopy();
    if (paused && !pausedMarked) {
      Conditions.set(
          status,
          Conditions.of(
              Conditions.PROGRESSING,
              "Unknown",
              Conditions.PAUSED,
              "Deployment is paused",
              sync.now));
    } else if (!paused && pausedMarked) {
      Conditions.set(
          status,
          Conditions.of(
              Conditions.PROGRESSING,
              "Unknown",
              Conditions.RESUMED,
              "Deployment is resumed",
              sync.now));
    } else {
      return Uni.createFrom().voidItem();
    }
    return writes.writeStatus(sync, status);
  }

  /** An empty selector would take every pod of the namespace: refused, as Kubernetes does. */
  private Uni<Result> selectingAll(Deployment d) {
    writes.events.record(
        d,
        EventRecorder.WARNING,
        "SelectingAll",
        "This deployment is selecting all pods. A non-empty selector is required.");
    long generation = Statuses.longOf(d.getMetadata().getGeneration());
    long observed =
        d.getStatus() == null ? 0 : Statuses.longOf(d.getStatus().getObservedGeneration());
    if (observed >= generation) {
      return Uni.createFrom().item(Result.done());
    }
    return writes
        .deployments
        .patchStatus(
            d.getMetadata().getNamespace(),
            d.getMetadata().getName(),
            Patch.merge(Map.of("status", Map.of("observedGeneration", generation))),
            new PatchOptions())
        .invoke(writes.deploymentCache::recordWrite)
        .replaceWith(Result.done());
  }

  /** The pods of each claimed ReplicaSet, by its uid, whatever their phase. */
  private Map<String, List<Pod>> podsByReplicaSet(Deployment d, List<ReplicaSet> claimed) {
    Map<String, List<Pod>> result = new HashMap<>();
    for (ReplicaSet rs : claimed) {
      List<Pod> controlled = podsByController.controlledBy(rs.getMetadata().getUid());
      if (!controlled.isEmpty()) {
        result.put(rs.getMetadata().getUid(), controlled);
      }
    }
    return result;
  }

  /** Checks with the server that the Deployment still exists, not being deleted, to adopt. */
  private Uni<Void> recheck(Deployment d) {
    return writes
        .deployments
        .get(d.getMetadata().getNamespace(), d.getMetadata().getName())
        .map(
            fresh -> {
              if (!Objects.equals(fresh.getMetadata().getUid(), d.getMetadata().getUid())
                  || ControllerRefs.isBeingDeleted(fresh)) {
                throw new IllegalStateException(
                    "deployment " + d.getMetadata().getName() + " is gone or being deleted");
              }
              return null;
            });
  }
}
