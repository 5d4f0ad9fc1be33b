package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.core.api.Status;
import java.util.Objects;

/**
 * What a DELETE asks for, from its {@code DeleteOptions}.
 *
 * @param preconditions the uid and resource version the object must have
 * @param gracePeriodSeconds the grace period asked for, or null for the kind's default
 * @param propagation the propagation policy asked for, or null to keep what the object has
 */
public record DeleteRequest(
    Preconditions preconditions, Long gracePeriodSeconds, Propagation propagation) {

  /** A delete with no options. */
  public static final DeleteRequest DEFAULT = new DeleteRequest(Preconditions.NONE, null, null);

  public DeleteRequest {
    Objects.requireNonNull(preconditions, "preconditions");
  }

  /**
   * Reads a {@code DeleteOptions} document: preconditions, {@code gracePeriodSeconds}, {@code
   * propagationPolicy} and the deprecated {@code orphanDependents}; 400 or 422 when malformed.
   */
  public static DeleteRequest parse(JsonNode options) {
    return new DeleteRequest(
        preconditions(options.path("preconditions")),
        gracePeriod(options.get("gracePeriodSeconds")),
        Propagation.parse(options.get("propagationPolicy"), orphan(options)).orElse(null));
  }

  private static JsonNode orphan(JsonNode options) {
    JsonNode orphan = options.get("orphanDependents");
    if (orphan != null && orphan.isTextual()) {
      return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(orphan.asText()));
    }
    return orphan;
  }

  private static Long gracePeriod(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.canConvertToLong() || value.asText().matches("-?\\d+")) {
      return value.asLong();
    }
    throw Status.badRequest("invalid gracePeriodSeconds: " + value.asText()).asException();
  }

  private static Preconditions preconditions(JsonNode preconditions) {
    String uid = preconditions.path("uid").asText(null);
    String rv = preconditions.path("resourceVersion").asText(null);
    Long version = null;
    if (rv != null && !rv.isEmpty()) {
      try {
        version = Long.parseLong(rv);
      } catch (NumberFormatException e) {
        throw Status.badRequest("invalid resource version in preconditions: " + rv).asException();
      }
    }
    return new Preconditions(uid == null || uid.isEmpty() ? null : uid, version);
  }
}
