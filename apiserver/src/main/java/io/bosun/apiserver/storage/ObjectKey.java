package io.bosun.apiserver.storage;

import java.util.Objects;

/**
 * Where an object lives: its resource ({@code configmaps}, {@code deployments.apps}), namespace
 * ({@code ""} for cluster-scoped objects) and name.
 */
public record ObjectKey(String resource, String namespace, String name) {

  /** Creates a key; {@code namespace} may be empty but not null. */
  public ObjectKey {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** Returns the key of a cluster-scoped object. */
  public static ObjectKey cluster(String resource, String name) {
    return new ObjectKey(resource, "", name);
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? resource + "/" + name : resource + "/" + namespace + "/" + name;
  }
}
