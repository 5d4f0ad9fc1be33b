package io.bosun.controller.handler;

import io.bosun.controller.reconcile.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Maps an object that changed to the requests of the primary objects it concerns. For an update,
 * the controller maps both the old and the new state, so that a reference that moved from one
 * primary to another triggers both.
 */
@FunctionalInterface
public interface RequestMapper<T extends HasMetadata> {

  /** The requests {@code object} triggers; empty for none. */
  Set<Request> map(T object);

  /** The object's own request. */
  static <T extends HasMetadata> RequestMapper<T> self() {
    return object -> {
      ObjectMeta meta = object.getMetadata();
      if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
        return Set.of();
      }
      String namespace = meta.getNamespace() == null ? "" : meta.getNamespace();
      return Set.of(Request.of(namespace, meta.getName()));
    };
  }

  /**
   * The request of the object's controller, when that is of {@code ownerType}: the owner reference
   * with {@code controller: true} whose kind and API group are {@code ownerType}'s (read from its
   * fabric8 {@code @Group} and {@code @Kind}, or its class name). A namespaced owner is in the
   * object's namespace, as Kubernetes requires; whether the owner is namespaced is read from {@code
   * ownerType} implementing {@link Namespaced}.
   */
  static <T extends HasMetadata> RequestMapper<T> controllerOwner(
      Class<? extends HasMetadata> ownerType) {
    Objects.requireNonNull(ownerType, "ownerType");
    String kind = HasMetadata.getKind(ownerType);
    String group = Objects.requireNonNullElse(HasMetadata.getGroup(ownerType), "");
    boolean namespaced = Namespaced.class.isAssignableFrom(ownerType);
    return object -> {
      ObjectMeta meta = object.getMetadata();
      List<OwnerReference> owners = meta == null ? null : meta.getOwnerReferences();
      if (owners == null) {
        return Set.of();
      }
      for (OwnerReference owner : owners) {
        if (Boolean.TRUE.equals(owner.getController())
            && kind.equals(owner.getKind())
            && group.equals(groupOf(owner.getApiVersion()))
            && owner.getName() != null
            && !owner.getName().isEmpty()) {
          // Kubernetes allows one controller reference per object, so the first is the one.
          String namespace = namespaced && meta.getNamespace() != null ? meta.getNamespace() : "";
          return Set.of(Request.of(namespace, owner.getName()));
        }
      }
      return Set.of();
    };
  }

  /** The group of an {@code apiVersion}: {@code ""} for the core {@code v1}. */
  private static String groupOf(String apiVersion) {
    if (apiVersion == null) {
      return "";
    }
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
