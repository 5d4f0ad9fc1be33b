package io.bosun.controllers.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Objects;

/**
 * Names one object across kinds: its API version and kind, namespace ({@code ""} when
 * cluster-scoped), name and uid. Two references to one object may name different versions of its
 * group, so {@link #sameObject} compares the group only.
 */
record ObjectRef(String apiVersion, String kind, String namespace, String name, String uid) {

  ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  /** The object {@code object} of a kind with {@code apiVersion}. */
  static ObjectRef of(String apiVersion, String kind, HasMetadata object) {
    return new ObjectRef(
        apiVersion,
        kind,
        object.getMetadata().getNamespace(),
        object.getMetadata().getName(),
        object.getMetadata().getUid());
  }

  /**
   * The owner an owner reference of an object in {@code namespace} names; a namespaced owner lives
   * in its dependent's namespace, so the namespace is a guess until the owner's kind is known.
   */
  static ObjectRef owner(OwnerReference reference, String namespace) {
    return new ObjectRef(
        Objects.requireNonNullElse(reference.getApiVersion(), ""),
        Objects.requireNonNullElse(reference.getKind(), ""),
        namespace,
        Objects.requireNonNullElse(reference.getName(), ""),
        Objects.requireNonNullElse(reference.getUid(), ""));
  }

  /** The API group: {@code ""} for the core group. */
  String group() {
    return groupOf(apiVersion);
  }

  /** Whether both name the same object: same uid, group, kind, namespace and name. */
  boolean sameObject(ObjectRef other) {
    return uid.equals(other.uid)
        && group().equals(other.group())
        && kind.equals(other.kind)
        && namespace.equals(other.namespace)
        && name.equals(other.name);
  }

  static String groupOf(String apiVersion) {
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  @Override
  public String toString() {
    return kind
        + "."
        + (group().isEmpty() ? "core" : group())
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + name
        + " ("
        + uid
        + ")";
  }
}
