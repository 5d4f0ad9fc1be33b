package io.bosun.apiserver.registry.internal;

import io.bosun.apiserver.registry.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * The review kinds of authentication.k8s.io and authorization.k8s.io: create-only questions that
 * are answered, never stored ({@code auth/AccessReviews} answers them).
 */
public final class ReviewKinds {
  private static final Set<String> CREATE = Set.of("create");

  private ReviewKinds() {}

  /** authentication.k8s.io/v1: SelfSubjectReview ({@code kubectl auth whoami}), TokenReview. */
  public static List<ResourceType> authentication() {
    String group = "authentication.k8s.io";
    return List.of(
        review(
            group,
            "SelfSubjectReview",
            "selfsubjectreviews",
            "SelfSubjectReview contains the user information that the kube-apiserver has about the"
                + " user making this request.",
            true),
        review(
            group,
            "TokenReview",
            "tokenreviews",
            "TokenReview attempts to authenticate a token to a known user.",
            true));
  }

  /** authorization.k8s.io/v1: the subject access reviews and SelfSubjectRulesReview. */
  public static List<ResourceType> authorization() {
    String group = "authorization.k8s.io";
    return List.of(
        review(
            group,
            "LocalSubjectAccessReview",
            "localsubjectaccessreviews",
            "LocalSubjectAccessReview checks whether or not a user or group can perform an action"
                + " in a given namespace.",
            false),
        review(
            group,
            "SelfSubjectAccessReview",
            "selfsubjectaccessreviews",
            "SelfSubjectAccessReview checks whether the current user can perform an action.",
            true),
        review(
            group,
            "SelfSubjectRulesReview",
            "selfsubjectrulesreviews",
            "SelfSubjectRulesReview enumerates the set of actions the current user can perform"
                + " within a namespace.",
            true),
        review(
            group,
            "SubjectAccessReview",
            "subjectaccessreviews",
            "SubjectAccessReview checks whether or not a user or group can perform an action.",
            true));
  }

  private static ResourceType review(
      String group, String kind, String resource, String description, boolean clusterScoped) {
    ResourceType.Builder builder =
        ResourceType.builder(group, "v1", kind, resource)
            .verbs(CREATE)
            .columns(Columns.DEFAULT)
            .schema(KindSchemas.of(description, "spec", "status"));
    return (clusterScoped ? builder.clusterScoped() : builder).build();
  }
}
