package io.bosun.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Kubernetes {@code Status} failure (kind Status, apiVersion v1): the HTTP code, a machine
 * reason, a human message and details naming the object at fault. Built by the static factories,
 * which produce the messages kube-apiserver produces.
 *
 * @param code the HTTP status code
 * @param reason the machine-readable reason, such as {@code NotFound}
 * @param message the human-readable message
 * @param details the object and field causes, or null
 */
public record Status(int code, String reason, String message, Details details) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * What a failure is about.
   *
   * @param name the object's name, or null
   * @param group the API group ({@code ""} for core), or null
   * @param kind the resource or kind, or null
   * @param causes field-level causes, possibly empty
   * @param retryAfterSeconds seconds a client should wait before retrying, or 0
   */
  public record Details(
      String name, String group, String kind, List<FieldError> causes, int retryAfterSeconds) {
    public Details {
      causes = causes == null ? List.of() : List.copyOf(causes);
    }
  }

  public Status {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** {@code 404 NotFound}: {@code configmaps "x" not found}. */
  public static Status notFound(String group, String resource, String name) {
    return new Status(
        404,
        "NotFound",
        qualified(group, resource) + " \"" + name + "\" not found",
        new Details(name, group, resource, null, 0));
  }

  /** {@code 409 AlreadyExists}: {@code configmaps "x" already exists}. */
  public static Status alreadyExists(String group, String resource, String name) {
    return new Status(
        409,
        "AlreadyExists",
        qualified(group, resource) + " \"" + name + "\" already exists",
        new Details(name, group, resource, null, 0));
  }

  /** {@code 409 Conflict}: {@code Operation cannot be fulfilled on configmaps "x": <why>}. */
  public static Status conflict(String group, String resource, String name, String why) {
    return new Status(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + qualified(group, resource)
            + " \""
            + name
            + "\": "
            + why,
        new Details(name, group, resource, null, 0));
  }

  /**
   * {@code 409 Conflict} of a server-side apply: the message lists the conflicts, and each cause
   * (of type {@code FieldManagerConflict}) names a field and its manager.
   */
  public static Status applyConflict(String message, List<FieldError> causes) {
    return new Status(409, "Conflict", message, new Details(null, null, null, causes, 0));
  }

  /** {@code 422 Invalid}: {@code ConfigMap "x" is invalid: <field errors>}. */
  public static Status invalid(String group, String kind, String name, List<FieldError> errors) {
    String all =
        errors.size() == 1
            ? errors.get(0).toString()
            : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
    String qualifiedKind = group == null || group.isEmpty() ? kind : kind + "." + group;
    return new Status(
        422,
        "Invalid",
        qualifiedKind + " \"" + (name == null ? "" : name) + "\" is invalid: " + all,
        new Details(name, group, kind, errors, 0));
  }

  /** {@code 400 BadRequest} with a message. */
  public static Status badRequest(String message) {
    return new Status(400, "BadRequest", message, null);
  }

  /** {@code 401 Unauthorized}. */
  public static Status unauthorized() {
    return new Status(401, "Unauthorized", "Unauthorized", null);
  }

  /** {@code 403 Forbidden} with a message. */
  public static Status forbidden(String message) {
    return new Status(403, "Forbidden", message, null);
  }

  /** {@code 403 Forbidden} about one object: {@code namespaces "x" is forbidden: <why>}. */
  public static Status forbidden(String group, String resource, String name, String why) {
    return new Status(
        403,
        "Forbidden",
        qualified(group, resource) + " \"" + name + "\" is forbidden: " + why,
        new Details(name, group, resource, null, 0));
  }

  /** {@code 404 NotFound} for a path that names no resource. */
  public static Status noSuchResource() {
    return new Status(404, "NotFound", "the server could not find the requested resource", null);
  }

  /** {@code 405 MethodNotAllowed}: the resource does not support a verb. */
  public static Status methodNotSupported(String group, String resource, String verb) {
    return new Status(
        405,
        "MethodNotAllowed",
        verb + " is not supported on resources of kind \"" + qualified(group, resource) + "\"",
        new Details(null, group, resource, null, 0));
  }

  /** {@code 410 Expired}: a resource version older than the compaction point. */
  public static Status expired(String message) {
    return new Status(410, "Expired", message, null);
  }

  /** {@code 413 RequestEntityTooLarge}. */
  public static Status requestEntityTooLarge(long limitBytes) {
    return new Status(
        413,
        "RequestEntityTooLarge",
        "Request entity too large: limit is " + limitBytes + " bytes",
        null);
  }

  /** {@code 415 UnsupportedMediaType}. */
  public static Status unsupportedMediaType(String contentType) {
    return new Status(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json (got \""
            + contentType
            + "\")",
        null);
  }

  /** {@code 500 InternalError}. */
  public static Status internalError(String message) {
    return new Status(
        500,
        "InternalError",
        "Internal error occurred: " + message,
        new Details(
            null,
            null,
            null,
            List.of(new FieldError(FieldError.Type.INVALID, "", null, message)),
            0));
  }

  /** {@code 503 ServiceUnavailable}. */
  public static Status serviceUnavailable(String message, int retryAfterSeconds) {
    return new Status(
        503, "ServiceUnavailable", message, new Details(null, null, null, null, retryAfterSeconds));
  }

  /** {@code 504 Timeout} with a retry hint, as for a resource version not yet reached. */
  public static Status timeout(String message, int retryAfterSeconds) {
    return new Status(
        504, "Timeout", message, new Details(null, null, null, null, retryAfterSeconds));
  }

  /** Returns this status as a JSON object. */
  public ObjectNode toNode() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", "Status");
    node.put("apiVersion", "v1");
    node.putObject("metadata");
    node.put("status", "Failure");
    node.put("message", message);
    node.put("reason", reason);
    if (details != null) {
      ObjectNode d = node.putObject("details");
      if (details.name() != null) {
        d.put("name", details.name());
      }
      if (details.group() != null && !details.group().isEmpty()) {
        d.put("group", details.group());
      }
      if (details.kind() != null) {
        d.put("kind", details.kind());
      }
      if (!details.causes().isEmpty() && code != 500) {
        ArrayNode causes = d.putArray("causes");
        for (FieldError error : details.causes()) {
          ObjectNode cause = causes.addObject();
          cause.put("reason", error.type().reason());
          cause.put("message", error.message());
          cause.put("field", error.field());
        }
      } else if (code == 500 && !details.causes().isEmpty()) {
        d.putArray("causes").addObject().put("message", details.causes().get(0).detail());
      }
      if (details.retryAfterSeconds() > 0) {
        d.put("retryAfterSeconds", details.retryAfterSeconds());
      }
    }
    node.put("code", code);
    return node;
  }

  /** Returns this status as JSON text. */
  public String toJson() {
    return toNode().toString();
  }

  /** Returns an exception carrying this status. */
  public StatusException asException() {
    return new StatusException(this);
  }

  private static String qualified(String group, String resource) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }
}
