package io.bosun.controller.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.controller.client.internal.Json;
import java.util.Objects;

/**
 * A patch document and its type: an RFC 6902 JSON patch, an RFC 7386 merge patch, a Kubernetes
 * strategic merge patch, or a server-side apply configuration. Built by the static factories, which
 * check the document's shape at the call.
 *
 * <pre>{@code
 * Patch.merge(Map.of("metadata", Map.of("labels", Map.of("tier", "web"))))
 * Patch.json("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]")
 * Patch.apply(desiredDeployment)  // with PatchOptions fieldManager, and force if wanted
 * }</pre>
 */
public final class Patch {

  /** The patch types, with the content type each is sent as. */
  public enum Type {
    JSON("application/json-patch+json"),
    MERGE("application/merge-patch+json"),
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    Type(String contentType) {
      this.contentType = contentType;
    }

    /** The request's Content-Type. */
    public String contentType() {
      return contentType;
    }
  }

  private final Type type;
  private final String body;

  private Patch(Type type, String body) {
    this.type = type;
    this.body = body;
  }

  /**
   * An RFC 6902 JSON patch: an array of operations.
   *
   * @throws IllegalArgumentException if {@code operations} is not a JSON array
   */
  public static Patch json(String operations) {
    return new Patch(Type.JSON, checked(operations, true));
  }

  /** An RFC 6902 JSON patch given as a tree, which must be an array. */
  public static Patch json(JsonNode operations) {
    Objects.requireNonNull(operations, "operations");
    if (!operations.isArray()) {
      throw new IllegalArgumentException("a JSON patch is an array of operations");
    }
    return new Patch(Type.JSON, operations.toString());
  }

  /** An RFC 7386 merge patch: JSON text of an object; {@code null} values delete fields. */
  public static Patch merge(String document) {
    return new Patch(Type.MERGE, checked(document, false));
  }

  /** An RFC 7386 merge patch from an object (a map, a tree or a model class) written as JSON. */
  public static Patch merge(Object document) {
    return new Patch(Type.MERGE, write(document));
  }

  /** A strategic merge patch (lists merge by their keys, as kubectl does): JSON of an object. */
  public static Patch strategicMerge(String document) {
    return new Patch(Type.STRATEGIC_MERGE, checked(document, false));
  }

  /** A strategic merge patch from an object written as JSON. */
  public static Patch strategicMerge(Object document) {
    return new Patch(Type.STRATEGIC_MERGE, write(document));
  }

  /**
   * A server-side apply configuration: the fields this manager wants to own, as JSON (which is
   * YAML). The request needs a {@code fieldManager} in its {@code PatchOptions}.
   */
  public static Patch apply(String configuration) {
    return new Patch(Type.APPLY, checked(configuration, false));
  }

  /** A server-side apply configuration from an object (typically the desired object). */
  public static Patch apply(Object configuration) {
    return new Patch(Type.APPLY, write(configuration));
  }

  /** The patch type. */
  public Type type() {
    return type;
  }

  /** The patch document as sent. */
  public String body() {
    return body;
  }

  @Override
  public String toString() {
    return type + " " + body;
  }

  private static String checked(String document, boolean array) {
    Objects.requireNonNull(document, "document");
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (array ? node == null || !node.isArray() : node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          array ? "a JSON patch is an array of operations" : "a patch document is a JSON object");
    }
    return document;
  }

  private static String write(Object document) {
    Objects.requireNonNull(document, "document");
    if (document instanceof String text) {
      return checked(text, false);
    }
    JsonNode node = Json.MAPPER.valueToTree(document);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a patch document is a JSON object");
    }
    return node.toString();
  }
}
