package io.bosun.apiserver.auth;

/** Decides whether a user may make a request; RBAC will implement this. */
@FunctionalInterface
public interface Authorizer {

  /** Allows everything; stands where RBAC will go. */
  Authorizer ALLOW_ALL = attributes -> true;

  /** Returns whether the request described by {@code attributes} is allowed. */
  boolean authorize(Attributes attributes);

  /**
   * What a request does, as Kubernetes' authorizer attributes.
   *
   * @param user the authenticated user
   * @param verb get, list, watch, create, update, delete, ... or the HTTP method for non-resource
   *     paths
   * @param group the API group, or null for a non-resource path
   * @param resource the resource, or null for a non-resource path
   * @param namespace the namespace, or null
   * @param name the object name, or null
   * @param path the request path
   */
  record Attributes(
      UserInfo user,
      String verb,
      String group,
      String resource,
      String namespace,
      String name,
      String path) {}
}
