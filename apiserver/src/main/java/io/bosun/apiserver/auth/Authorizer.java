package io.bosun.apiserver.auth;

import java.util.List;

/** Decides whether a user may make a request; RBAC will implement this. */
@FunctionalInterface
public interface Authorizer {

  /** Allows everything; stands where RBAC will go. */
  Authorizer ALLOW_ALL =
      new Authorizer() {
        @Override
        public boolean authorize(Attributes attributes) {
          return true;
        }

        @Override
        public Rules rules(UserInfo user, String namespace) {
          return Rules.EVERYTHING;
        }
      };

  /** Returns whether the request described by {@code attributes} is allowed. */
  boolean authorize(Attributes attributes);

  /**
   * What {@code user} may do in {@code namespace}, as a SelfSubjectRulesReview reports it. An
   * authorizer that cannot list its rules says so with {@link Rules#UNKNOWN}.
   */
  default Rules rules(UserInfo user, String namespace) {
    return Rules.UNKNOWN;
  }

  /**
   * Rules as {@code authorization.k8s.io/v1} lists them: verbs on resources (each {@code "*"} for
   * all), and verbs on non-resource paths; {@code incomplete} when there may be more than listed.
   */
  record Rules(
      List<ResourceRule> resourceRules,
      List<NonResourceRule> nonResourceRules,
      boolean incomplete) {
    /** Every verb on everything. */
    public static final Rules EVERYTHING =
        new Rules(
            List.of(new ResourceRule(List.of("*"), List.of("*"), List.of("*"), List.of())),
            List.of(new NonResourceRule(List.of("*"), List.of("*"))),
            false);

    /** Nothing known. */
    public static final Rules UNKNOWN = new Rules(List.of(), List.of(), true);

    public Rules {
      resourceRules = List.copyOf(resourceRules);
      nonResourceRules = List.copyOf(nonResourceRules);
    }
  }

  /** Verbs allowed on resources of API groups, optionally only the objects named. */
  record ResourceRule(
      List<String> verbs, List<String> apiGroups, List<String> resources, List<String> names) {}

  /** Verbs allowed on non-resource paths ({@code /healthz}, {@code /api/*}, ...). */
  record NonResourceRule(List<String> verbs, List<String> paths) {}

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
