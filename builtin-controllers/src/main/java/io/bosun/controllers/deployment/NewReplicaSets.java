package io.bosun.controllers.deployment;

import io.bosun.controller.client.AlreadyExistsException;
import io.bosun.controllers.events.EventRecorder;
import io.bosun.controllers.ownership.ControllerRefs;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds a Deployment's new ReplicaSet (the oldest whose template equals the Deployment's, ignoring
 * the hash label) and its old ones, creates the new one when asked, and keeps revisions in step:
 * the new ReplicaSet's revision is one more than the old ones', and the Deployment records it.
 * Kubernetes' getAllReplicaSetsAndSyncRevision.
 */
final class NewReplicaSets {
  private final Writes writes;

  NewReplicaSets(Writes writes) {
    this.writes = writes;
  }

  /** Sets {@code sync.newRs} (null when none and {@code create} is false) and {@code olds}. */
  Uni<Void> resolve(Sync sync, boolean create) {
    Deployment d = sync.deployment;
    ReplicaSet existing =
        sync.all.stream()
            .sorted(ReplicaSets.BY_CREATION)
            .filter(
                rs ->
                    TemplateHash.equalIgnoringHash(
                        rs.getSpec().getTemplate(), d.getSpec().getTemplate()))
            .findFirst()
            .orElse(null);
    sync.newRs = existing;
    sync.olds.clear();
    for (ReplicaSet rs : sync.all) {
      if (rs != existing) {
        sync.olds.add(rs);
      }
    }
    long newRevision = Revisions.maxRevision(sync.olds) + 1;
    if (existing != null) {
      return syncExisting(sync, existing, newRevision);
    }
    return create ? createNew(sync, newRevision) : Uni.createFrom().voidItem();
  }

  private Uni<Void> syncExisting(Sync sync, ReplicaSet existing, long newRevision) {
    Deployment d = sync.deployment;
    ReplicaSet copy = new ReplicaSetBuilder(existing).build();
    boolean annotationsChanged = Revisions.setNewReplicaSetAnnotations(d, copy, newRevision, true);
    boolean minReadyChanged =
        !Objects.equals(
            minReady(copy.getSpec().getMinReadySeconds()),
            minReady(d.getSpec().getMinReadySeconds()));
    if (annotationsChanged || minReadyChanged) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("minReadySeconds", minReady(d.getSpec().getMinReadySeconds()));
      return writes
          .patch(sync, existing, Map.of("annotations", copy.getMetadata().getAnnotations()), spec)
          .replaceWithVoid();
    }
    String revision = Revisions.annotation(copy, Revisions.REVISION);
    Uni<Void> recordRevision =
        revision == null ? Uni.createFrom().voidItem() : writes.writeRevision(sync, revision);
    return recordRevision.flatMap(
        ignored ->
            Statuses.hasProgressDeadline(sync.deployment)
                    && Conditions.get(sync.deployment.getStatus(), Conditions.PROGRESSING).isEmpty()
                ? progressing(
                    sync,
                    Conditions.FOUND_NEW_RS,
                    "Found new replica set \"" + existing.getMetadata().getName() + "\"")
                : Uni.createFrom().voidItem());
  }

  /** Sets the Progressing condition to True with {@code reason} and writes the status. */
  private Uni<Void> progressing(Sync sync, String reason, String message) {
    DeploymentStatus status = sync.statusCopy();
    Conditions.set(
        status, Conditions.of(Conditions.PROGRESSING, "True", reason, message, sync.now));
    return writes.writeStatus(sync, status);
  }

  private Uni<Void> createNew(Sync sync, long newRevision) {
    Deployment d = sync.deployment;
    Integer collisions = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
    String hash = TemplateHash.of(d.getSpec().getTemplate(), collisions);
    PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).build();
    template
        .getMetadata()
        .setLabels(TemplateHash.labelsWithHash(template.getMetadata().getLabels(), hash));
    LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector()).build();
    selector.setMatchLabels(TemplateHash.labelsWithHash(selector.getMatchLabels(), hash));
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(d.getMetadata().getName() + "-" + hash)
            .withNamespace(d.getMetadata().getNamespace())
            .withLabels(template.getMetadata().getLabels())
            .withOwnerReferences(List.of(ControllerRefs.controllerReference(d)))
            .endMetadata()
            .withNewSpec()
            .withReplicas(0)
            .withMinReadySeconds(minReady(d.getSpec().getMinReadySeconds()))
            .withSelector(selector)
            .withTemplate(template)
            .endSpec()
            .build();
    int replicas = Scaling.newReplicaSetReplicas(d, ReplicaSets.with(sync.olds, rs), rs);
    rs.getSpec().setReplicas(replicas);
    Revisions.setNewReplicaSetAnnotations(d, rs, newRevision, false);
    return writes
        .create(sync, rs)
        .map(created -> new Created(created, false))
        .onFailure(AlreadyExistsException.class)
        .recoverWithUni(failure -> existingOrCollision(sync, rs, (AlreadyExistsException) failure))
        .onFailure(failure -> !(failure instanceof AlreadyExistsException))
        .call(failure -> reportCreateFailure(sync, rs, failure))
        .flatMap(created -> recordCreated(sync, created, replicas, newRevision));
  }

  private record Created(ReplicaSet rs, boolean existed) {}

  /**
   * A ReplicaSet of that name exists: ours, with our template (a stale cache), or a hash collision,
   * which raises {@code collisionCount} so that the next attempt hashes differently.
   */
  private Uni<Created> existingOrCollision(
      Sync sync, ReplicaSet wanted, AlreadyExistsException failure) {
    Deployment d = sync.deployment;
    return writes
        .replicaSets
        .get(wanted.getMetadata().getNamespace(), wanted.getMetadata().getName())
        .flatMap(
            found -> {
              if (ControllerRefs.isControlledBy(found, d.getMetadata().getUid())
                  && TemplateHash.equalIgnoringHash(
                      found.getSpec().getTemplate(), d.getSpec().getTemplate())) {
                writes.replicaSetCache.recordWrite(found);
                if (sync.all.stream()
                    .noneMatch(
                        rs -> rs.getMetadata().getUid().equals(found.getMetadata().getUid()))) {
                  sync.all.add(found);
                }
                return Uni.createFrom().item(new Created(found, true));
              }
              DeploymentStatus status = sync.statusCopy();
              int count = status.getCollisionCount() == null ? 0 : status.getCollisionCount();
              status.setCollisionCount(count + 1);
              return writes
                  .writeStatus(sync, status)
                  .flatMap(ignored -> Uni.createFrom().<Created>failure(failure));
            });
  }

  private Uni<Void> reportCreateFailure(Sync sync, ReplicaSet rs, Throwable failure) {
    String message =
        "Failed to create new replica set \""
            + rs.getMetadata().getName()
            + "\": "
            + failure.getMessage();
    writes.events.record(
        sync.deployment, EventRecorder.WARNING, Conditions.FAILED_RS_CREATE, message);
    if (!Statuses.hasProgressDeadline(sync.deployment)) {
      return Uni.createFrom().voidItem();
    }
    DeploymentStatus status = sync.statusCopy();
    Conditions.set(
        status,
        Conditions.of(
            Conditions.PROGRESSING, "False", Conditions.FAILED_RS_CREATE, message, sync.now));
    return writes.writeStatus(sync, status).onFailure().recoverWithNull();
  }

  private Uni<Void> recordCreated(Sync sync, Created created, int replicas, long newRevision) {
    sync.newRs = created.rs();
    if (!created.existed() && replicas > 0) {
      writes.events.record(
          sync.deployment,
          EventRecorder.NORMAL,
          "ScalingReplicaSet",
          "Scaled up replica set "
              + created.rs().getMetadata().getName()
              + " from 0 to "
              + replicas);
    }
    return writes
        .writeRevision(sync, Long.toString(newRevision))
        .flatMap(
            ignored ->
                created.existed() || !Statuses.hasProgressDeadline(sync.deployment)
                    ? Uni.createFrom().voidItem()
                    : progressing(
                        sync,
                        Conditions.NEW_RS_CREATED,
                        "Created new replica set \""
                            + created.rs().getMetadata().getName()
                            + "\""));
  }

  static int minReady(Integer seconds) {
    return seconds == null ? 0 : seconds;
  }
}
