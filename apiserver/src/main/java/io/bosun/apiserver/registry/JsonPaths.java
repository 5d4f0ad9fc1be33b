package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Simple JSON paths in the dot notation ({@code .spec.replicas}), as the scale subresource of a
 * custom resource names its fields.
 */
public final class JsonPaths {
  private JsonPaths() {}

  /** The field names of a path: {@code .spec.replicas} is {@code [spec, replicas]}. */
  public static List<String> segments(String path) {
    String trimmed = path.startsWith(".") ? path.substring(1) : path;
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\."));
  }

  /** The value at {@code path}, or a missing node. */
  public static JsonNode get(JsonNode root, String path) {
    JsonNode node = root;
    for (String field : segments(path)) {
      node = node.isObject() ? node.path(field) : MissingNode.getInstance();
    }
    return node;
  }

  /** Sets the value at {@code path}, creating the objects on the way. */
  public static void set(ObjectNode root, String path, JsonNode value) {
    List<String> fields = segments(path);
    ObjectNode node = root;
    for (String field : fields.subList(0, fields.size() - 1)) {
      node = node.get(field) instanceof ObjectNode child ? child : node.putObject(field);
    }
    node.set(fields.get(fields.size() - 1), value);
  }
}
