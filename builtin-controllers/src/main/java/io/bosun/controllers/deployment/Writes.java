package io.bosun.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controllers.events.EventRecorder;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment controller's writes: each goes to the server, and its answer into the informer
 * (read your own writes) and into the {@link Sync} of the reconcile in progress.
 */
final class Writes {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** The status counts Kubernetes leaves out when zero. */
  private static final List<String> COUNTS =
      List.of(
          "replicas",
          "updatedReplicas",
          "readyReplicas",
          "availableReplicas",
          "unavailableReplicas",
          "terminatingReplicas",
          "observedGeneration");

  final ResourceClient<Deployment> deployments;
  final ResourceClient<ReplicaSet> replicaSets;
  final Informer<Deployment> deploymentCache;
  final Informer<ReplicaSet> replicaSetCache;
  final EventRecorder events;

  Writes(
      ResourceClient<Deployment> deployments,
      ResourceClient<ReplicaSet> replicaSets,
      Informer<Deployment> deploymentCache,
      Informer<ReplicaSet> replicaSetCache,
      EventRecorder events) {
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.deploymentCache = deploymentCache;
    this.replicaSetCache = replicaSetCache;
    this.events = events;
  }

  Uni<ReplicaSet> create(Sync sync, ReplicaSet rs) {
    return replicaSets
        .create(rs)
        .invoke(
            created -> {
              replicaSetCache.recordWrite(created);
              sync.all.add(created);
            });
  }

  /** A merge patch of a ReplicaSet, pinned to the version the change was computed from. */
  Uni<ReplicaSet> patch(
      Sync sync, ReplicaSet rs, Map<String, Object> metadata, Map<String, Object> spec) {
    Map<String, Object> meta = new LinkedHashMap<>(metadata);
    meta.put("resourceVersion", rs.getMetadata().getResourceVersion());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("metadata", meta);
    if (!spec.isEmpty()) {
      body.put("spec", spec);
    }
    return replicaSets
        .patch(rs.getMetadata().getNamespace(), rs.getMetadata().getName(), Patch.merge(body))
        .invoke(
            written -> {
              replicaSetCache.recordWrite(written);
              sync.replace(written);
            });
  }

  /**
   * Sets {@code spec.replicas} and the replica annotations of a ReplicaSet if either differs, with
   * a ScalingReplicaSet event when the size changed.
   *
   * @return whether the size changed
   */
  Uni<Boolean> scale(Sync sync, ReplicaSet rs, int replicas, String operation) {
    Deployment d = sync.deployment;
    int desired = Fenceposts.desired(d);
    int max = desired + Fenceposts.maxSurge(d);
    int before = ReplicaSets.replicas(rs);
    boolean resize = before != replicas;
    if (!resize && !Revisions.replicasAnnotationsNeedUpdate(rs, desired, max)) {
      return Uni.createFrom().item(false);
    }
    Map<String, Object> annotations =
        Map.of(
            Revisions.DESIRED_REPLICAS,
            Integer.toString(desired),
            Revisions.MAX_REPLICAS,
            Integer.toString(max));
    return patch(sync, rs, Map.of("annotations", annotations), Map.of("replicas", replicas))
        .map(
            written -> {
              if (resize) {
                events.record(
                    d,
                    EventRecorder.NORMAL,
                    "ScalingReplicaSet",
                    "Scaled "
                        + operation
                        + " replica set "
                        + written.getMetadata().getName()
                        + " from "
                        + before
                        + " to "
                        + replicas);
              }
              return resize;
            });
  }

  /** {@link #scale} when the size differs, naming the direction. */
  Uni<Boolean> scaleIfNeeded(Sync sync, ReplicaSet rs, int replicas) {
    int before = ReplicaSets.replicas(rs);
    if (before == replicas) {
      return Uni.createFrom().item(false);
    }
    return scale(sync, rs, replicas, before < replicas ? "up" : "down");
  }

  Uni<Void> delete(ReplicaSet rs) {
    return replicaSets
        .delete(rs.getMetadata().getNamespace(), rs.getMetadata().getName())
        .onFailure(NotFoundException.class)
        .recoverWithNull();
  }

  /** Records the revision on the Deployment unless it is there, as Kubernetes does. */
  Uni<Void> writeRevision(Sync sync, String revision) {
    Deployment d = sync.deployment;
    if (revision.equals(Revisions.annotation(d, Revisions.REVISION))) {
      return Uni.createFrom().voidItem();
    }
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(Revisions.REVISION, revision);
    return deployments
        .patch(
            d.getMetadata().getNamespace(),
            d.getMetadata().getName(),
            Patch.merge(Map.of("metadata", Map.of("annotations", annotations))))
        .invoke(
            written -> {
              deploymentCache.recordWrite(written);
              sync.deployment = written;
            })
        .replaceWithVoid();
  }

  /** Replaces the Deployment's status with {@code status} unless they are equal. */
  Uni<Void> writeStatus(Sync sync, DeploymentStatus status) {
    Deployment d = sync.deployment;
    if (sameStatus(d.getStatus(), status)) {
      return Uni.createFrom().voidItem();
    }
    return deployments
        .patchStatus(
            d.getMetadata().getNamespace(),
            d.getMetadata().getName(),
            Patch.merge(Map.of("status", statusTree(status))),
            new PatchOptions())
        .invoke(
            written -> {
              deploymentCache.recordWrite(written);
              sync.deployment = written;
            })
        .replaceWithVoid();
  }

  /** Whether two statuses say the same, zero counts being the same as missing ones. */
  static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
    return statusTree(a).equals(statusTree(b));
  }

  /** The status as a merge patch replacing it: zero counts and empty conditions removed. */
  static ObjectNode statusTree(DeploymentStatus status) {
    ObjectNode tree = status == null ? MAPPER.createObjectNode() : MAPPER.valueToTree(status);
    for (String count : COUNTS) {
      JsonNode value = tree.get(count);
      if (value == null || value.isNull() || value.asLong() == 0) {
        tree.putNull(count);
      }
    }
    if (!tree.hasNonNull("collisionCount")) {
      tree.putNull("collisionCount");
    }
    if (tree.path("conditions").isEmpty()) {
      tree.putNull("conditions");
    }
    return tree;
  }
}
