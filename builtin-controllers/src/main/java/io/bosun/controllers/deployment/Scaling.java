package io.bosun.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sizing a Deployment's ReplicaSets outside of a rollout step: scaling the one active ReplicaSet,
 * or during a rolling update spreading a change of {@code replicas} over all active ReplicaSets in
 * proportion to their sizes (proportional scaling), as Kubernetes' sync and scale do.
 */
final class Scaling {
  private final Writes writes;

  Scaling(Writes writes) {
    this.writes = writes;
  }

  /** How many replicas the new ReplicaSet should have now. */
  static int newReplicaSetReplicas(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    int desired = Fenceposts.desired(d);
    if (!Fenceposts.isRollingUpdate(d)) {
      return desired;
    }
    int current = ReplicaSets.totalReplicas(all);
    int maxTotal = desired + Fenceposts.maxSurge(d);
    int replicas = ReplicaSets.replicas(newRs);
    if (current >= maxTotal) {
      return replicas;
    }
    return replicas + Math.min(maxTotal - current, desired - replicas);
  }

  /** Whether an active ReplicaSet was sized for another {@code replicas} than the Deployment's. */
  static boolean isScalingEvent(Sync sync) {
    int desired = Fenceposts.desired(sync.deployment);
    for (ReplicaSet rs : ReplicaSets.active(sync.allWithNew())) {
      Optional<Integer> annotated = Revisions.desiredReplicas(rs);
      if (annotated.isPresent() && annotated.get() != desired) {
        return true;
      }
    }
    return false;
  }

  /** Sizes the ReplicaSets for the Deployment's {@code replicas}. */
  Uni<Void> scale(Sync sync) {
    Deployment d = sync.deployment;
    int desired = Fenceposts.desired(d);
    ReplicaSet activeOrLatest = activeOrLatest(sync.newRs, sync.olds);
    if (activeOrLatest != null) {
      return ReplicaSets.replicas(activeOrLatest) == desired
          ? Uni.createFrom().voidItem()
          : writes
              .scale(
                  sync,
                  activeOrLatest,
                  desired,
                  ReplicaSets.replicas(activeOrLatest) < desired ? "up" : "down")
              .replaceWithVoid();
    }
    if (isSaturated(d, sync.newRs)) {
      return sequentially(
          ReplicaSets.active(sync.olds), rs -> writes.scaleIfNeeded(sync, current(sync, rs), 0));
    }
    if (!Fenceposts.isRollingUpdate(d)) {
      return Uni.createFrom().voidItem();
    }
    List<ReplicaSet> active = new ArrayList<>(ReplicaSets.active(sync.allWithNew()));
    int allowed = desired > 0 ? desired + Fenceposts.maxSurge(d) : 0;
    int toAdd = allowed - ReplicaSets.totalReplicas(active);
    String operation;
    if (toAdd > 0) {
      // Larger first; among equals the newer grows first.
      active.sort(
          Comparator.comparingInt(ReplicaSets::replicas)
              .reversed()
              .thenComparing(ReplicaSets::created, Comparator.reverseOrder()));
      operation = "up";
    } else if (toAdd < 0) {
      // Larger first; among equals the older shrinks first.
      active.sort(
          Comparator.comparingInt(ReplicaSets::replicas)
              .reversed()
              .thenComparing(ReplicaSets::created));
      operation = "down";
    } else {
      operation = "";
    }
    Map<String, Integer> sizes = new HashMap<>();
    int added = 0;
    for (ReplicaSet rs : active) {
      int proportion = toAdd == 0 ? 0 : proportion(rs, d, toAdd, added);
      sizes.put(rs.getMetadata().getUid(), ReplicaSets.replicas(rs) + proportion);
      added += proportion;
    }
    if (!active.isEmpty() && toAdd != 0) {
      // The rounding leftovers go to the largest.
      String largest = active.get(0).getMetadata().getUid();
      sizes.put(largest, Math.max(0, sizes.get(largest) + toAdd - added));
    }
    return sequentially(
        active,
        rs ->
            writes.scale(sync, current(sync, rs), sizes.get(rs.getMetadata().getUid()), operation));
  }

  /** This ReplicaSet's share of {@code toAdd}, bounded by what remains to add. */
  private static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
    if (ReplicaSets.replicas(rs) == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(rs, d);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** How much this ReplicaSet grows or shrinks if it keeps its share of the Deployment. */
  private static int fraction(ReplicaSet rs, Deployment d) {
    int desired = Fenceposts.desired(d);
    if (desired == 0) {
      return -ReplicaSets.replicas(rs);
    }
    int maxNow = desired + Fenceposts.maxSurge(d);
    int maxBefore = Revisions.maxReplicas(rs).orElse(0);
    if (maxBefore == 0) {
      maxBefore =
          d.getStatus() == null || d.getStatus().getReplicas() == null
              ? 0
              : d.getStatus().getReplicas();
      if (maxBefore == 0) {
        return 0;
      }
    }
    double size = (double) ReplicaSets.replicas(rs) * maxNow / maxBefore;
    return (int) Math.round(size) - ReplicaSets.replicas(rs);
  }

  /** The single active ReplicaSet; with none active, the newest; with several, null. */
  static ReplicaSet activeOrLatest(ReplicaSet newRs, List<ReplicaSet> olds) {
    if (newRs == null && olds.isEmpty()) {
      return null;
    }
    List<ReplicaSet> active = ReplicaSets.active(ReplicaSets.with(olds, newRs));
    if (active.size() == 1) {
      return active.get(0);
    }
    if (!active.isEmpty()) {
      return null;
    }
    if (newRs != null) {
      return newRs;
    }
    return olds.stream().max(ReplicaSets.BY_CREATION).orElse(null);
  }

  /** Whether the new ReplicaSet has all the Deployment's replicas, available. */
  static boolean isSaturated(Deployment d, ReplicaSet rs) {
    if (rs == null) {
      return false;
    }
    int desired = Fenceposts.desired(d);
    return Revisions.desiredReplicas(rs).map(v -> v == desired).orElse(false)
        && ReplicaSets.replicas(rs) == desired
        && ReplicaSets.available(rs) == desired;
  }

  /** The version of {@code rs} the sync holds now. */
  static ReplicaSet current(Sync sync, ReplicaSet rs) {
    String uid = rs.getMetadata().getUid();
    return sync.all.stream()
        .filter(r -> uid.equals(r.getMetadata().getUid()))
        .findFirst()
        .orElse(rs);
  }

  /** Runs {@code step} for each ReplicaSet in turn; stops at the first failure. */
  static Uni<Void> sequentially(
      List<ReplicaSet> list, java.util.function.Function<ReplicaSet, Uni<Boolean>> step) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ReplicaSet rs : List.copyOf(list)) {
      chain = chain.flatMap(ignored -> step.apply(rs).replaceWithVoid());
    }
    return chain;
  }
}
