package io.bosun.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The review kinds, which are asked, not stored: a create returns the object with its {@code
 * status} filled in by the {@link Authorizer} or {@link Authenticator}, as kube-apiserver's do.
 * {@code kubectl auth can-i} sends SelfSubjectAccessReviews (and with {@code --list}
 * SelfSubjectRulesReviews), {@code kubectl auth whoami} a SelfSubjectReview; proxies and webhooks
 * send SubjectAccessReviews and TokenReviews.
 */
public final class AccessReviews {
  /** The API group of the access reviews. */
  public static final String AUTHORIZATION = "authorization.k8s.io";

  /** The API group of TokenReview and SelfSubjectReview. */
  public static final String AUTHENTICATION = "authentication.k8s.io";

  private final Authenticator authenticator;
  private final Authorizer authorizer;

  public AccessReviews(Authenticator authenticator, Authorizer authorizer) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  /** Whether {@code resource} of {@code group} is a review kind this class answers. */
  public static boolean isReview(String group, String resource) {
    return switch (group) {
      case AUTHORIZATION ->
          switch (resource) {
            case "selfsubjectaccessreviews",
                "subjectaccessreviews",
                "localsubjectaccessreviews",
                "selfsubjectrulesreviews" ->
                true;
            default -> false;
          };
      case AUTHENTICATION ->
          resource.equals("selfsubjectreviews") || resource.equals("tokenreviews");
      default -> false;
    };
  }

  /**
   * Answers a review of {@code resource} sent by {@code caller}, in {@code namespace} for the
   * namespaced LocalSubjectAccessReview: {@code review} with its status set.
   *
   * @throws io.bosun.core.api.StatusException 400 or 422 for a review that cannot be answered
   */
  public ObjectNode answer(String resource, String namespace, ObjectNode review, UserInfo caller) {
    JsonNode spec = review.path("spec");
    ObjectNode status =
        switch (resource) {
          case "selfsubjectaccessreviews" -> access(spec, caller, "SelfSubjectAccessReview");
          case "subjectaccessreviews" -> access(spec, subject(spec), "SubjectAccessReview");
          case "localsubjectaccessreviews" -> localAccess(spec, namespace);
          case "selfsubjectrulesreviews" -> rules(spec, caller);
          case "selfsubjectreviews" -> userInfo(caller);
          case "tokenreviews" -> token(spec);
          default -> throw Status.noSuchResource().asException();
        };
    review.set("status", status);
    return review;
  }

  private ObjectNode access(JsonNode spec, UserInfo user, String kind) {
    JsonNode resource = spec.path("resourceAttributes");
    JsonNode nonResource = spec.path("nonResourceAttributes");
    if (resource.isObject() == nonResource.isObject()) {
      FieldError error =
          resource.isObject()
              ? FieldError.invalid(
                  "spec.nonResourceAttributes",
                  nonResource.toString(),
                  "cannot be specified in combination with resourceAttributes")
              : FieldError.required(
                  "spec.resourceAttributes",
                  "exactly one of nonResourceAttributes or resourceAttributes must be specified");
      throw Status.invalid(AUTHORIZATION, kind, "", List.of(error)).asException();
    }
    Authorizer.Attributes attributes =
        resource.isObject()
            ? new Authorizer.Attributes(
                user,
                resource.path("verb").asText(""),
                resource.path("group").asText(""),
                resource.path("resource").asText(""),
                emptyToNull(resource.path("namespace").asText("")),
                emptyToNull(resource.path("name").asText("")),
                null)
            : new Authorizer.Attributes(
                user,
                nonResource.path("verb").asText(""),
                null,
                null,
                null,
                null,
                nonResource.path("path").asText(""));
    ObjectNode status = object();
    status.put("allowed", authorizer.authorize(attributes));
    return status;
  }

  /** The user a SubjectAccessReview asks about. */
  private static UserInfo subject(JsonNode spec) {
    String user = spec.path("user").asText("");
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(group -> groups.add(group.asText()));
    if (user.isEmpty() && groups.isEmpty()) {
      throw Status.invalid(
              AUTHORIZATION,
              "SubjectAccessReview",
              "",
              List.of(
                  FieldError.invalid(
                      "spec.user", "", "at least one of user or group must be specified")))
          .asException();
    }
    return new UserInfo(user, groups);
  }

  private ObjectNode localAccess(JsonNode spec, String namespace) {
    if (spec.path("nonResourceAttributes").isObject()) {
      throw Status.invalid(
              AUTHORIZATION,
              "LocalSubjectAccessReview",
              "",
              List.of(
                  FieldError.invalid(
                      "spec.nonResourceAttributes",
                      spec.path("nonResourceAttributes").toString(),
                      "disallowed on this kind of request")))
          .asException();
    }
    if (spec.path("resourceAttributes") instanceof ObjectNode attributes) {
      String asked = attributes.path("namespace").asText("");
      if (asked.isEmpty()) {
        attributes.put("namespace", namespace);
      } else if (!asked.equals(namespace)) {
        throw Status.badRequest(
                "spec.resourceAttributes.namespace must match namespace: "
                    + namespace
                    + " and "
                    + asked)
            .asException();
      }
    }
    return access(spec, subject(spec), "LocalSubjectAccessReview");
  }

  private ObjectNode rules(JsonNode spec, UserInfo caller) {
    String namespace = spec.path("namespace").asText("");
    if (namespace.isEmpty()) {
      throw Status.badRequest("no namespace on request").asException();
    }
    Authorizer.Rules rules = authorizer.rules(caller, namespace);
    ObjectNode status = object();
    ArrayNode resourceRules = status.putArray("resourceRules");
    for (Authorizer.ResourceRule rule : rules.resourceRules()) {
      ObjectNode node = resourceRules.addObject();
      strings(node, "verbs", rule.verbs());
      strings(node, "apiGroups", rule.apiGroups());
      strings(node, "resources", rule.resources());
      if (!rule.names().isEmpty()) {
        strings(node, "resourceNames", rule.names());
      }
    }
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    for (Authorizer.NonResourceRule rule : rules.nonResourceRules()) {
      ObjectNode node = nonResourceRules.addObject();
      strings(node, "verbs", rule.verbs());
      strings(node, "nonResourceURLs", rule.paths());
    }
    status.put("incomplete", rules.incomplete());
    return status;
  }

  private static ObjectNode userInfo(UserInfo caller) {
    ObjectNode status = object();
    user(status.putObject("userInfo"), caller);
    return status;
  }

  private ObjectNode token(JsonNode spec) {
    String token = spec.path("token").asText("");
    if (token.isEmpty()) {
      throw Status.badRequest("token is required for TokenReview in authentication").asException();
    }
    Optional<UserInfo> user = authenticator.authenticate("Bearer " + token);
    ObjectNode status = object();
    status.put("authenticated", user.isPresent());
    user.ifPresent(u -> user(status.putObject("user"), u));
    if (spec.path("audiences").isArray()) {
      status.set("audiences", spec.path("audiences").deepCopy());
    }
    return status;
  }

  private static void user(ObjectNode node, UserInfo user) {
    node.put("username", user.name());
    strings(node, "groups", user.groups());
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    ArrayNode array = node.putArray(field);
    values.forEach(array::add);
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
