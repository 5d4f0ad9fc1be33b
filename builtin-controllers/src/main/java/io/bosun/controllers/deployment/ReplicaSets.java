package io.bosun.controllers.deployment;

import io.bosun.controllers.pods.PodStates;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Counting and ordering a Deployment's ReplicaSets, as Kubernetes' deployment utilities do. */
final class ReplicaSets {
  /** Oldest first, then by name. */
  static final Comparator<ReplicaSet> BY_CREATION =
      Comparator.comparing(ReplicaSets::created).thenComparing(rs -> rs.getMetadata().getName());

  private ReplicaSets() {}

  /** {@code spec.replicas}; 0 for a missing ReplicaSet. */
  static int replicas(ReplicaSet rs) {
    return rs == null || rs.getSpec() == null || rs.getSpec().getReplicas() == null
        ? 0
        : rs.getSpec().getReplicas();
  }

  static int statusReplicas(ReplicaSet rs) {
    return rs == null || rs.getStatus() == null ? 0 : orZero(rs.getStatus().getReplicas());
  }

  static int ready(ReplicaSet rs) {
    return rs == null || rs.getStatus() == null ? 0 : orZero(rs.getStatus().getReadyReplicas());
  }

  static int available(ReplicaSet rs) {
    return rs == null || rs.getStatus() == null ? 0 : orZero(rs.getStatus().getAvailableReplicas());
  }

  /** The sum of {@code spec.replicas}. */
  static int totalReplicas(List<ReplicaSet> list) {
    return list.stream().filter(Objects::nonNull).mapToInt(ReplicaSets::replicas).sum();
  }

  /** The sum of {@code status.replicas}: pods that exist. */
  static int totalActual(List<ReplicaSet> list) {
    return list.stream().filter(Objects::nonNull).mapToInt(ReplicaSets::statusReplicas).sum();
  }

  static int totalReady(List<ReplicaSet> list) {
    return list.stream().filter(Objects::nonNull).mapToInt(ReplicaSets::ready).sum();
  }

  static int totalAvailable(List<ReplicaSet> list) {
    return list.stream().filter(Objects::nonNull).mapToInt(ReplicaSets::available).sum();
  }

  /** Those with {@code spec.replicas > 0}. */
  static List<ReplicaSet> active(List<ReplicaSet> list) {
    return list.stream().filter(Objects::nonNull).filter(rs -> replicas(rs) > 0).toList();
  }

  /** The list with {@code newRs} appended when there is one. */
  static List<ReplicaSet> with(List<ReplicaSet> olds, ReplicaSet newRs) {
    List<ReplicaSet> all = new ArrayList<>(olds);
    if (newRs != null) {
      all.add(newRs);
    }
    return all;
  }

  static Instant created(ReplicaSet rs) {
    return PodStates.parseTime(rs.getMetadata().getCreationTimestamp()).orElse(Instant.MAX);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
