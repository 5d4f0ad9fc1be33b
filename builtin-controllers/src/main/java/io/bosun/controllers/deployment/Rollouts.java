package io.bosun.controllers.deployment;

import io.bosun.controller.reconcile.Result;
import io.bosun.controllers.ownership.ControllerRefs;
import io.bosun.controllers.pods.PodStates;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two rollout strategies, one step per reconcile as in Kubernetes: RollingUpdate scales the new
 * ReplicaSet up within maxSurge, then the old ones down within maxUnavailable (unhealthy pods
 * first); Recreate scales every old ReplicaSet to zero, waits for their pods to be gone, then
 * scales the new one up. A completed rollout prunes old ReplicaSets beyond revisionHistoryLimit.
 */
final class Rollouts {
  private final Writes writes;
  private final NewReplicaSets newReplicaSets;
  private final Statuses statuses;

  Rollouts(Writes writes, NewReplicaSets newReplicaSets, Statuses statuses) {
    this.writes = writes;
    this.newReplicaSets = newReplicaSets;
    this.statuses = statuses;
  }

  Uni<Result> rolling(Sync sync) {
    return newReplicaSets
        .resolve(sync, true)
        .flatMap(ignored -> scaleUpNew(sync))
        .flatMap(
            scaledUp -> {
              if (scaledUp) {
                return statuses.syncRolloutStatus(sync);
              }
              return scaleDownOld(sync)
                  .flatMap(
                      scaledDown -> {
                        if (!scaledDown && Statuses.isComplete(sync.deployment, statusOf(sync))) {
                          return cleanUp(sync).flatMap(done -> statuses.syncRolloutStatus(sync));
                        }
                        return statuses.syncRolloutStatus(sync);
                      });
            });
  }

  Uni<Result> recreate(Sync sync) {
    return newReplicaSets
        .resolve(sync, false)
        .flatMap(
            ignored -> {
              List<ReplicaSet> activeOlds = ReplicaSets.active(sync.olds);
              AtomicInteger scaled = new AtomicInteger();
              return Scaling.sequentially(
                      activeOlds,
                      rs ->
                          writes
                              .scaleIfNeeded(sync, Scaling.current(sync, rs), 0)
                              .invoke(done -> scaled.addAndGet(done ? 1 : 0)))
                  .map(done -> scaled.get() > 0);
            })
        .flatMap(
            scaledDown -> {
              if (scaledDown || oldPodsRunning(sync)) {
                return statuses.syncRolloutStatus(sync);
              }
              Uni<Void> ensureNew =
                  sync.newRs == null
                      ? newReplicaSets.resolve(sync, true)
                      : Uni.createFrom().voidItem();
              return ensureNew
                  .flatMap(
                      ignored ->
                          writes.scaleIfNeeded(
                              sync, sync.newRs, Fenceposts.desired(sync.deployment)))
                  .flatMap(
                      ignored ->
                          Statuses.isComplete(sync.deployment, statusOf(sync))
                              ? cleanUp(sync)
                              : Uni.createFrom().voidItem())
                  .flatMap(ignored -> statuses.syncRolloutStatus(sync));
            });
  }

  /** Kubernetes' reconcileNewReplicaSet: whether the new ReplicaSet was scaled. */
  private Uni<Boolean> scaleUpNew(Sync sync) {
    Deployment d = sync.deployment;
    int desired = Fenceposts.desired(d);
    int replicas = ReplicaSets.replicas(sync.newRs);
    if (replicas == desired) {
      return Uni.createFrom().item(false);
    }
    if (replicas > desired) {
      return writes.scaleIfNeeded(sync, sync.newRs, desired);
    }
    return writes.scaleIfNeeded(
        sync, sync.newRs, Scaling.newReplicaSetReplicas(d, sync.allWithNew(), sync.newRs));
  }

  /** Kubernetes' reconcileOldReplicaSets: whether an old ReplicaSet was scaled down. */
  private Uni<Boolean> scaleDownOld(Sync sync) {
    Deployment d = sync.deployment;
    List<ReplicaSet> olds = ReplicaSets.active(sync.olds);
    if (ReplicaSets.totalReplicas(olds) == 0) {
      return Uni.createFrom().item(false);
    }
    int minAvailable = Fenceposts.desired(d) - Fenceposts.maxUnavailable(d);
    int newUnavailable = ReplicaSets.replicas(sync.newRs) - ReplicaSets.available(sync.newRs);
    int maxScaledDown =
        ReplicaSets.totalReplicas(sync.allWithNew()) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return Uni.createFrom().item(false);
    }
    List<ReplicaSet> oldest = olds.stream().sorted(ReplicaSets.BY_CREATION).toList();
    AtomicInteger total = new AtomicInteger();
    // Unhealthy replicas go first: scaling them down costs no availability.
    Uni<Void> cleanup =
        Scaling.sequentially(
            oldest,
            rs -> {
              ReplicaSet current = Scaling.current(sync, rs);
              int replicas = ReplicaSets.replicas(current);
              int unhealthy = replicas - ReplicaSets.available(current);
              if (total.get() >= maxScaledDown || replicas == 0 || unhealthy <= 0) {
                return Uni.createFrom().item(false);
              }
              int down = Math.min(maxScaledDown - total.get(), unhealthy);
              total.addAndGet(down);
              return writes.scaleIfNeeded(sync, current, replicas - down);
            });
    return cleanup
        .flatMap(ignored -> scaleDownAvailable(sync, oldest))
        .map(scaledDown -> total.get() + scaledDown > 0);
  }

  /** Scales old ReplicaSets down by as many available pods as exceed the minimum available. */
  private Uni<Integer> scaleDownAvailable(Sync sync, List<ReplicaSet> oldest) {
    Deployment d = sync.deployment;
    int minAvailable = Fenceposts.desired(d) - Fenceposts.maxUnavailable(d);
    List<ReplicaSet> current = new ArrayList<>();
    oldest.forEach(rs -> current.add(Scaling.current(sync, rs)));
    int available = ReplicaSets.totalAvailable(ReplicaSets.with(current, sync.newRs));
    if (available <= minAvailable) {
      return Uni.createFrom().item(0);
    }
    int toScaleDown = available - minAvailable;
    AtomicInteger total = new AtomicInteger();
    return Scaling.sequentially(
            current,
            rs -> {
              ReplicaSet latest = Scaling.current(sync, rs);
              int replicas = ReplicaSets.replicas(latest);
              if (total.get() >= toScaleDown || replicas == 0) {
                return Uni.createFrom().item(false);
              }
              int down = Math.min(replicas, toScaleDown - total.get());
              total.addAndGet(down);
              return writes.scaleIfNeeded(sync, latest, replicas - down);
            })
        .map(ignored -> total.get());
  }

  /** Whether pods of old ReplicaSets still exist, not finished: Recreate waits for them. */
  private static boolean oldPodsRunning(Sync sync) {
    if (ReplicaSets.totalActual(sync.olds) > 0) {
      return true;
    }
    String newUid = sync.newRs == null ? null : sync.newRs.getMetadata().getUid();
    for (Map.Entry<String, List<Pod>> entry : sync.podsByReplicaSet().entrySet()) {
      if (entry.getKey().equals(newUid)) {
        continue;
      }
      for (Pod pod : entry.getValue()) {
        String phase = PodStates.phase(pod);
        if (!PodStates.SUCCEEDED.equals(phase) && !PodStates.FAILED.equals(phase)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Deletes the oldest old ReplicaSets beyond revisionHistoryLimit that are scaled to zero. */
  Uni<Void> cleanUp(Sync sync) {
    Integer limit = sync.deployment.getSpec().getRevisionHistoryLimit();
    if (limit == null || limit == Integer.MAX_VALUE) {
      return Uni.createFrom().voidItem();
    }
    List<ReplicaSet> cleanable =
        sync.olds.stream()
            .filter(rs -> !ControllerRefs.isBeingDeleted(rs))
            .sorted(Revisions.BY_REVISION)
            .toList();
    int diff = cleanable.size() - limit;
    if (diff <= 0) {
      return Uni.createFrom().voidItem();
    }
    List<ReplicaSet> doomed = new ArrayList<>();
    for (ReplicaSet rs : cleanable.subList(0, diff)) {
      long generation =
          rs.getMetadata().getGeneration() == null ? 0 : rs.getMetadata().getGeneration();
      long observed =
          rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null
              ? 0
              : rs.getStatus().getObservedGeneration();
      if (ReplicaSets.statusReplicas(rs) == 0
          && ReplicaSets.replicas(rs) == 0
          && generation <= observed) {
        doomed.add(rs);
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ReplicaSet rs : doomed) {
      chain = chain.flatMap(ignored -> writes.delete(rs));
    }
    return chain;
  }

  /** The status the Deployment records now (Kubernetes checks completeness against it). */
  private static DeploymentStatus statusOf(Sync sync) {
    return sync.deployment.getStatus() == null
        ? new DeploymentStatus()
        : sync.deployment.getStatus();
  }
}
