package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.apply.InvalidObjectException;
import io.bosun.core.api.Status;
import java.util.function.Supplier;

/**
 * The request rules of server-side apply around the merge itself, with Kubernetes' errors: the
 * configuration names the path's kind and object, a Scale applies to its object's replicas, and an
 * apply that creates carries no uid.
 */
final class ApplyRequests {
  private ApplyRequests() {}

  /**
   * Checks an applied configuration against the request path and returns it as a configuration of
   * the whole object: a Scale (applied to {@code /scale}) becomes {@code spec.replicas}.
   */
  static ObjectNode check(
      ResourceType type, Subresource subresource, String name, ObjectNode config) {
    String apiVersion = config.path("apiVersion").asText("");
    String kind = config.path("kind").asText("");
    boolean scale = subresource == Subresource.SCALE;
    if (!apiVersion.equals(scale ? "autoscaling/v1" : type.apiVersion())
        || !kind.equals(scale ? "Scale" : type.kind())) {
      throw Status.badRequest("invalid object type: " + gvk(apiVersion, kind)).asException();
    }
    String bodyName = config.path("metadata").path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw Identity.nameMismatch(bodyName, name);
    }
    if (!scale) {
      return config.deepCopy();
    }
    ObjectNode parent = config.objectNode();
    parent.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    parent.putObject("metadata").put("name", name);
    JsonNode replicas = config.path("spec").get("replicas");
    if (replicas != null) {
      parent.putObject("spec").set("replicas", replicas);
    }
    return parent;
  }

  /** Runs the merge; a configuration that cannot be tracked fails as on Kubernetes (500). */
  static ObjectNode merge(ResourceType type, ObjectNode config, Supplier<ObjectNode> merge) {
    try {
      return merge.get();
    } catch (InvalidObjectException e) {
      JsonNode metadata = config.path("metadata");
      throw new Status(
              500,
              "",
              "failed to create typed patch object ("
                  + metadata.path("namespace").asText("")
                  + "/"
                  + metadata.path("name").asText("")
                  + "; "
                  + gvk(type.apiVersion(), type.kind())
                  + "): "
                  + e.getMessage(),
              null)
          .asException();
    }
  }

  /**
   * Prepares the result of an apply to a missing object for creation: a uid is a conflict (no
   * object has it), the name must be the path's, and a resourceVersion is dropped as Kubernetes
   * drops it on this path.
   */
  static ObjectNode forCreate(ResourceType type, String name, ObjectNode merged) {
    ObjectNode metadata = (ObjectNode) merged.get("metadata");
    String uid = metadata == null ? "" : metadata.path("uid").asText("");
    if (!uid.isEmpty()) {
      throw Status.conflict(
              type.group(),
              type.resource(),
              name,
              "uid mismatch: the provided object specified uid "
                  + uid
                  + ", and no existing object was found")
          .asException();
    }
    String bodyName = metadata == null ? "" : metadata.path("name").asText("");
    if (!bodyName.equals(name)) {
      throw Identity.nameMismatch(bodyName, name);
    }
    metadata.remove("resourceVersion");
    return merged;
  }

  /** A group-version-kind as Go prints it: {@code apps/v1, Kind=Deployment}, {@code /v1, ...}. */
  private static String gvk(String apiVersion, String kind) {
    return (apiVersion.contains("/") ? apiVersion : "/" + apiVersion) + ", Kind=" + kind;
  }
}
