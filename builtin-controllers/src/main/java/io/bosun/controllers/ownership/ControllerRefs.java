package io.bosun.controllers.ownership;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Controller references: the owner reference with {@code controller: true} that says which object
 * manages another. Kubernetes allows at most one per object.
 */
public final class ControllerRefs {
  private ControllerRefs() {}

  /** The object's controller reference, if it has one. */
  public static Optional<OwnerReference> controllerOf(HasMetadata object) {
    return references(object).stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .findFirst();
  }

  /** Whether {@code object}'s controller is the object with {@code ownerUid}. */
  public static boolean isControlledBy(HasMetadata object, String ownerUid) {
    return controllerOf(object).map(ref -> Objects.equals(ref.getUid(), ownerUid)).orElse(false);
  }

  /**
   * A controller reference to {@code owner}, blocking its foreground deletion until the dependent
   * is gone, as Kubernetes' workload controllers set it.
   */
  public static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** The object's owner references; empty when it has none. */
  public static List<OwnerReference> references(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    return meta == null || meta.getOwnerReferences() == null
        ? List.of()
        : meta.getOwnerReferences();
  }

  /** The references with {@code reference} added (replacing one to the same uid). */
  public static List<OwnerReference> with(HasMetadata object, OwnerReference reference) {
    List<OwnerReference> result = without(object, reference.getUid());
    result.add(reference);
    return result;
  }

  /** The references without those to {@code uid}. */
  public static List<OwnerReference> without(HasMetadata object, String uid) {
    List<OwnerReference> result = new ArrayList<>();
    for (OwnerReference ref : references(object)) {
      if (!Objects.equals(ref.getUid(), uid)) {
        result.add(ref);
      }
    }
    return result;
  }

  /** Whether the object is being deleted (has a deletionTimestamp). */
  public static boolean isBeingDeleted(HasMetadata object) {
    return object.getMetadata() != null && object.getMetadata().getDeletionTimestamp() != null;
  }
}
