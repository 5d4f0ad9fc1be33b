package io.bosun.controllers.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One reconcile of one Deployment: the Deployment as last written, the ReplicaSets it controls
 * (each replaced by the server's answer when written), which of them is the new one, and the pods
 * of each (for Recreate). Used by one reconcile at a time.
 */
final class Sync {
  Deployment deployment;

  final List<ReplicaSet> all;
  ReplicaSet newRs;
  final List<ReplicaSet> olds = new ArrayList<>();
  private final Supplier<Map<String, List<Pod>>> pods;
  private Map<String, List<Pod>> podsByReplicaSet;
  final Instant now;

  Sync(
      Deployment deployment,
      List<ReplicaSet> claimed,
      Supplier<Map<String, List<Pod>>> pods,
      Instant now) {
    this.deployment = deployment;
    this.all = new ArrayList<>(claimed);
    this.pods = pods;
    this.now = now;
  }

  /** The pods of each claimed ReplicaSet by its uid, read on first use (Recreate only). */
  Map<String, List<Pod>> podsByReplicaSet() {
    if (podsByReplicaSet == null) {
      podsByReplicaSet = pods.get();
    }
    return podsByReplicaSet;
  }

  /** The new ReplicaSet (if any) and the old ones, after the new one is found or created. */
  List<ReplicaSet> allWithNew() {
    return ReplicaSets.with(olds, newRs);
  }

  /** A copy of the Deployment's status to change; never null, with a modifiable condition list. */
  DeploymentStatus statusCopy() {
    var status =
        deployment.getStatus() == null
            ? new DeploymentStatus()
            : new DeploymentStatusBuilder(deployment.getStatus()).build();
    status.setConditions(
        status.getConditions() == null
            ? new ArrayList<>()
            : new ArrayList<>(status.getConditions()));
    return status;
  }

  /** Puts the server's answer in place of the ReplicaSet it was written from. */
  ReplicaSet replace(ReplicaSet written) {
    String uid = written.getMetadata().getUid();
    all.replaceAll(rs -> sameUid(rs, uid) ? written : rs);
    olds.replaceAll(rs -> sameUid(rs, uid) ? written : rs);
    if (sameUid(newRs, uid)) {
      newRs = written;
    }
    return written;
  }

  private static boolean sameUid(ReplicaSet rs, String uid) {
    return rs != null && Objects.equals(rs.getMetadata().getUid(), uid);
  }
}
