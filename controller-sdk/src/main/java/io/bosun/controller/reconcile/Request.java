package io.bosun.controller.reconcile;

import java.util.Objects;

/**
 * Names the object to reconcile: its namespace ({@code ""} for a cluster-scoped object) and its
 * name. A request carries no state; the reconciler reads the current state itself, so many events
 * for one object collapse into one request.
 *
 * @param namespace the object's namespace, or {@code ""} when it is cluster-scoped
 * @param name the object's name, never empty
 */
public record Request(String namespace, String name) {

  public Request {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
  }

  /** A request for the object {@code name} in {@code namespace}. */
  public static Request of(String namespace, String name) {
    return new Request(namespace, name);
  }

  /** A request for the cluster-scoped object {@code name}. */
  public static Request clusterScoped(String name) {
    return new Request("", name);
  }

  /**
   * Reads a key as Kubernetes writes it: {@code namespace/name}, or {@code name} alone for a
   * cluster-scoped object.
   *
   * @throws IllegalArgumentException if the key has more than one {@code /} or an empty name
   */
  public static Request parse(String key) {
    Objects.requireNonNull(key, "key");
    int slash = key.indexOf('/');
    if (slash < 0) {
      return clusterScoped(key);
    }
    if (key.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("not a namespace/name key: " + key);
    }
    return new Request(key.substring(0, slash), key.substring(slash + 1));
  }

  /** Whether the object is cluster-scoped (has no namespace). */
  public boolean isClusterScoped() {
    return namespace.isEmpty();
  }

  /**
   * The key as Kubernetes writes it: {@code namespace/name}, or {@code name} when cluster-scoped.
   */
  @Override
  public String toString() {
    return isClusterScoped() ? name : namespace + "/" + name;
  }
}
