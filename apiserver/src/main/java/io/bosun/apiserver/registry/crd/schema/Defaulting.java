package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a structural schema's defaults, as kube-apiserver defaults custom resources on every
 * request and every read: a missing field with a default gets a copy of it, as does a {@code null}
 * in a field that is not nullable (a null without a default is dropped); then defaulting goes on
 * into the value. Also checks, when a definition is written, that its defaults are valid.
 */
public final class Defaulting {
  private static final Set<String> RESOURCE_META = Set.of("apiVersion", "kind", "metadata");

  private Defaulting() {}

  /** Defaults {@code value} in place under {@code schema}, a resource's root schema. */
  public static void apply(JsonNode value, Structural schema) {
    apply(value, schema, true);
  }

  /** Returns whether any node of {@code schema} has a default. */
  public static boolean hasDefaults(Structural schema) {
    if (schema == null) {
      return false;
    }
    if (schema.defaultValue() != null || hasDefaults(schema.items())) {
      return true;
    }
    if (hasDefaults(schema.additionalProperties())) {
      return true;
    }
    return schema.properties().values().stream().anyMatch(Defaulting::hasDefaults);
  }

  private static void apply(JsonNode value, Structural schema, boolean resourceRoot) {
    if (schema == null) {
      return;
    }
    if (value instanceof ArrayNode array) {
      for (JsonNode item : array) {
        apply(item, schema.items(), schema.items() != null && schema.items().embeddedResource());
      }
      return;
    }
    if (!(value instanceof ObjectNode object)) {
      return;
    }
    for (Map.Entry<String, Structural> p : schema.properties().entrySet()) {
      if (resourceRoot && RESOURCE_META.contains(p.getKey())) {
        continue;
      }
      JsonNode current = object.get(p.getKey());
      JsonNode defaultValue = p.getValue().defaultValue();
      if (defaultValue != null
          && (current == null || (current.isNull() && !p.getValue().nullable()))) {
        object.set(p.getKey(), defaultValue.deepCopy());
      } else if (current != null && current.isNull() && !p.getValue().nullable()) {
        object.remove(p.getKey());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (resourceRoot && RESOURCE_META.contains(field.getKey())) {
        continue;
      }
      Structural property = schema.properties().get(field.getKey());
      if (property == null) {
        property = schema.additionalProperties();
        if (property != null
            && field.getValue().isNull()
            && !property.nullable()
            && property.defaultValue() != null) {
          field.setValue(property.defaultValue().deepCopy());
        }
      }
      if (property != null) {
        apply(field.getValue(), property, property.embeddedResource());
      }
    }
  }

  /**
   * Returns what is wrong with the defaults of a schema at {@code path}: a default must need no
   * pruning and must validate against its own schema.
   */
  static List<FieldError> check(Structural root, String path) {
    List<FieldError> errors = new ArrayList<>();
    check(root, path, true, errors);
    return errors;
  }

  private static void check(
      Structural s, String path, boolean resourceRoot, List<FieldError> errors) {
    if (s == null) {
      return;
    }
    JsonNode defaultValue = s.defaultValue();
    if (defaultValue != null) {
      String defaultPath = Paths.child(path, "default");
      JsonNode copy = defaultValue.deepCopy();
      apply(copy, s, s.embeddedResource());
      if (!Pruning.prune(copy, s, s.embeddedResource()).isEmpty()) {
        errors.add(FieldError.invalid(defaultPath, defaultValue, "must not have unknown fields"));
      } else {
        errors.addAll(Validation.validate(copy, s, defaultPath));
      }
    }
    check(s.items(), Paths.child(path, "items"), false, errors);
    check(s.additionalProperties(), Paths.child(path, "additionalProperties"), false, errors);
    for (Map.Entry<String, Structural> p : s.properties().entrySet()) {
      if (resourceRoot && RESOURCE_META.contains(p.getKey())) {
        continue;
      }
      check(p.getValue(), Paths.key(Paths.child(path, "properties"), p.getKey()), false, errors);
    }
  }
}
