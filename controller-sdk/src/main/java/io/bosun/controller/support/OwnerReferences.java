package io.bosun.controller.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Owner references, which tie an object to the one that made it: the garbage collector deletes the
 * child with its owner, and a controller that {@code owns} the child's kind is told of its changes.
 * Kubernetes' rules are checked at the call: an owner has a uid, a namespaced owner is in its
 * child's namespace, a cluster-scoped child has only cluster-scoped owners, and an object has at
 * most one controller.
 *
 * <pre>{@code
 * Deployment deployment = desiredDeployment(site);
 * OwnerReferences.setController(site, deployment);  // deleted with site; reconciles site
 * }</pre>
 */
public final class OwnerReferences {
  private OwnerReferences() {}

  /**
   * A reference to {@code owner} as its child's controller: {@code controller} and {@code
   * blockOwnerDeletion} true (a foreground deletion of the owner waits for the child).
   *
   * @throws IllegalArgumentException if the owner has no name or uid (it was not read from or
   *     written to the server)
   */
  public static OwnerReference controllerOf(HasMetadata owner) {
    return builder(owner).withController(true).withBlockOwnerDeletion(true).build();
  }

  /** A reference to {@code owner} that does not make it the controller. */
  public static OwnerReference of(HasMetadata owner) {
    return builder(owner).build();
  }

  /**
   * Makes {@code owner} the controller of {@code child}: sets {@link #controllerOf} in the child's
   * owner references, replacing any reference to the same owner. Returns {@code child}.
   *
   * @throws IllegalStateException if another object controls the child already
   * @throws IllegalArgumentException if the owner may not own the child (namespaces, scope)
   */
  public static <T extends HasMetadata> T setController(HasMetadata owner, T child) {
    OwnerReference reference = controllerOf(owner);
    checkScope(owner, child);
    for (OwnerReference existing : references(child)) {
      if (Boolean.TRUE.equals(existing.getController())
          && !reference.getUid().equals(existing.getUid())) {
        throw new IllegalStateException(
            child.getKind()
                + " "
                + child.getMetadata().getName()
                + " is already controlled by "
                + existing.getKind()
                + " "
                + existing.getName());
      }
    }
    put(child, reference);
    return child;
  }

  /**
   * Adds {@code owner} to {@code child}'s owners, not as controller, replacing any reference to the
   * same owner. Returns {@code child}.
   */
  public static <T extends HasMetadata> T addOwner(HasMetadata owner, T child) {
    OwnerReference reference = of(owner);
    checkScope(owner, child);
    put(child, reference);
    return child;
  }

  /** Whether {@code owner} is {@code child}'s controller (by uid). */
  public static boolean isControlledBy(HasMetadata child, HasMetadata owner) {
    Objects.requireNonNull(child, "child");
    Objects.requireNonNull(owner, "owner");
    String uid = owner.getMetadata() == null ? null : owner.getMetadata().getUid();
    return uid != null
        && references(child).stream()
            .anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
  }

  private static OwnerReferenceBuilder builder(HasMetadata owner) {
    Objects.requireNonNull(owner, "owner");
    ObjectMeta meta = owner.getMetadata();
    if (meta == null || isEmpty(meta.getName()) || isEmpty(meta.getUid())) {
      throw new IllegalArgumentException(
          "an owner needs a name and a uid: use the object as the server returned it");
    }
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion(owner))
        .withKind(kind(owner))
        .withName(meta.getName())
        .withUid(meta.getUid());
  }

  private static void checkScope(HasMetadata owner, HasMetadata child) {
    Objects.requireNonNull(child, "child");
    String ownerNamespace = owner.getMetadata().getNamespace();
    String childNamespace = child.getMetadata() == null ? null : child.getMetadata().getNamespace();
    boolean ownerNamespaced = !isEmpty(ownerNamespace) || owner instanceof Namespaced;
    if (!ownerNamespaced) {
      return; // a cluster-scoped owner may own anything
    }
    if (isEmpty(childNamespace) && !(child instanceof Namespaced)) {
      throw new IllegalArgumentException(
          "a cluster-scoped object cannot have a namespaced owner (" + kind(owner) + ")");
    }
    if (!isEmpty(childNamespace)
        && !isEmpty(ownerNamespace)
        && !ownerNamespace.equals(childNamespace)) {
      throw new IllegalArgumentException(
          "an owner must be in its child's namespace: "
              + ownerNamespace
              + " is not "
              + childNamespace);
    }
  }

  private static List<OwnerReference> references(HasMetadata child) {
    ObjectMeta meta = child.getMetadata();
    return meta == null || meta.getOwnerReferences() == null
        ? List.of()
        : meta.getOwnerReferences();
  }

  private static void put(HasMetadata child, OwnerReference reference) {
    if (child.getMetadata() == null) {
      child.setMetadata(new ObjectMeta());
    }
    List<OwnerReference> next = new ArrayList<>(references(child));
    next.removeIf(existing -> reference.getUid().equals(existing.getUid()));
    next.add(reference);
    child.getMetadata().setOwnerReferences(next);
  }

  /** The owner's apiVersion: as it says, or (objects in lists often omit it) as its class says. */
  private static String apiVersion(HasMetadata owner) {
    String apiVersion = owner.getApiVersion();
    return isEmpty(apiVersion) ? HasMetadata.getApiVersion(owner.getClass()) : apiVersion;
  }

  private static String kind(HasMetadata owner) {
    String kind = owner.getKind();
    return isEmpty(kind) ? HasMetadata.getKind(owner.getClass()) : kind;
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }
}
