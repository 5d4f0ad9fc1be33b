package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a CustomResourceDefinition's OpenAPI v3 schema must follow besides structurality, as
 * kube-apiserver's {@code ValidateCustomResourceDefinitionOpenAPISchema} states them: supported
 * keywords and types, where defaults may appear, and the list-type and map-type extensions.
 */
final class SchemaRules {
  private static final List<String> TYPES =
      List.of("array", "boolean", "integer", "number", "object", "string");
  private static final Set<String> META_FIELDS = Set.of("metadata", "kind", "apiVersion");

  private final List<FieldError> errors = new ArrayList<>();

  private SchemaRules() {}

  /** Returns the violations in {@code schema}, the root of a version's schema at {@code path}. */
  static List<FieldError> check(ObjectNode schema, String path) {
    SchemaRules rules = new SchemaRules();
    rules.walk(schema, path, true, new Context(true, null, false));
    return rules.errors;
  }

  /** Where in the schema a node sits. */
  private record Context(boolean allowDefaults, String noDefaultsReason, boolean insideMeta) {
    Context forbidDefaults(String reason) {
      return new Context(false, reason, insideMeta);
    }

    Context meta() {
      return new Context(allowDefaults, noDefaultsReason, true);
    }
  }

  private void walk(JsonNode node, String path, boolean root, Context context) {
    if (!(node instanceof ObjectNode schema)) {
      return;
    }
    standard(schema, path, context);
    if (schema.path("uniqueItems").asBoolean(false)) {
      errors.add(
          FieldError.forbidden(
              Paths.child(path, "uniqueItems"),
              "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null) {
      if (schema.path("properties").size() > 0
          && (additional.isObject() || !additional.asBoolean(true))) {
        errors.add(
            FieldError.forbidden(
                Paths.child(path, "additionalProperties"),
                "additionalProperties and properties are mutual exclusive"));
      }
      Context sub =
          context.insideMeta()
              ? context.forbidDefaults("inside additionalProperties applying to object metadata")
              : context;
      walk(additional, Paths.child(path, "additionalProperties"), false, sub);
    }
    boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      Context sub = context;
      if ((root || embedded) && META_FIELDS.contains(property.getKey())) {
        sub = sub.meta();
        if (root) {
          sub = sub.forbidDefaults("in top-level " + property.getKey());
        }
      }
      walk(
          property.getValue(),
          Paths.key(Paths.child(path, "properties"), property.getKey()),
          false,
          sub);
    }
    walk(schema.get("not"), Paths.child(path, "not"), false, context);
    for (String junctor : List.of("allOf", "oneOf", "anyOf")) {
      JsonNode list = schema.path(junctor);
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), Paths.index(Paths.child(path, junctor), i), false, context);
      }
    }
    if (schema.get("items") instanceof ObjectNode items) {
      walk(items, Paths.child(path, "items"), false, context);
    }
    extensions(schema, path);
  }

  /** The OpenAPI v3 keywords Kubernetes refuses, and defaults where they may not be. */
  private void standard(ObjectNode schema, String path, Context context) {
    String type = schema.path("type").asText("");
    if (!type.isEmpty() && !TYPES.contains(type)) {
      if (type.equals("null")) {
        errors.add(
            FieldError.forbidden(
                Paths.child(path, "type"),
                "type cannot be set to null, use nullable as an alternative"));
      } else {
        errors.add(FieldError.notSupported(Paths.child(path, "type"), type, TYPES));
      }
    }
    if (schema.has("default") && !context.allowDefaults()) {
      errors.add(
          FieldError.forbidden(
              Paths.child(path, "default"), "must not be set " + context.noDefaultsReason()));
    }
    forbid(schema, path, "id", "id is not supported");
    forbid(schema, path, "additionalItems", "additionalItems is not supported");
    forbid(schema, path, "patternProperties", "patternProperties is not supported");
    forbid(schema, path, "definitions", "definitions is not supported");
    forbid(schema, path, "dependencies", "dependencies is not supported");
    forbid(schema, path, "$ref", "$ref is not supported");
    if (schema.path("items").isArray()) {
      errors.add(
          FieldError.forbidden(
              Paths.child(path, "items"), "items must be a schema object and not an array"));
    }
    if (context.insideMeta() && schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
      errors.add(
          FieldError.forbidden(
              Paths.child(path, "x-kubernetes-embedded-resource"),
              "must not be used inside of resource meta"));
    }
  }

  private void forbid(ObjectNode schema, String path, String keyword, String detail) {
    if (schema.has(keyword)) {
      errors.add(FieldError.forbidden(Paths.child(path, keyword), detail));
    }
  }

  /** {@code x-kubernetes-*} list, map and preserve-unknown-fields rules. */
  private void extensions(ObjectNode schema, String path) {
    String type = schema.path("type").asText("");
    JsonNode preserve = schema.get("x-kubernetes-preserve-unknown-fields");
    if (preserve != null && !preserve.asBoolean(true)) {
      errors.add(
          FieldError.invalid(
              Paths.child(path, "x-kubernetes-preserve-unknown-fields"),
              false,
              "must be true or undefined"));
    }
    if (schema.has("x-kubernetes-map-type")) {
      String mapType = schema.path("x-kubernetes-map-type").asText();
      requireType(type, "object", path, "must be object if x-kubernetes-map-type is specified");
      if (!mapType.equals("atomic") && !mapType.equals("granular")) {
        errors.add(
            FieldError.notSupported(
                Paths.child(path, "x-kubernetes-map-type"),
                mapType,
                List.of("atomic", "granular")));
      }
    }
    JsonNode items = schema.path("items");
    String listType = schema.path("x-kubernetes-list-type").asText(null);
    if (listType != null) {
      requireType(type, "array", path, "must be array if x-kubernetes-list-type is specified");
      if (!List.of("atomic", "set", "map").contains(listType)) {
        errors.add(
            FieldError.notSupported(
                Paths.child(path, "x-kubernetes-list-type"),
                listType,
                List.of("atomic", "set", "map")));
      }
      if (listType.equals("set")) {
        String itemType = items.path("type").asText("");
        if (itemType.equals("array")
            && !items.path("x-kubernetes-list-type").asText("atomic").equals("atomic")) {
          errors.add(
              FieldError.invalid(
                  Paths.child(Paths.child(path, "items"), "x-kubernetes-list-type"),
                  items.path("x-kubernetes-list-type").asText(),
                  "must be atomic as item of a list with x-kubernetes-list-type=set"));
        } else if (itemType.equals("object")
            && !items.path("x-kubernetes-map-type").asText("").equals("atomic")) {
          errors.add(
              FieldError.invalid(
                  Paths.child(Paths.child(path, "items"), "x-kubernetes-map-type"),
                  listType,
                  "must be atomic as item of a list with x-kubernetes-list-type=set"));
        }
      }
    }
    JsonNode keys = schema.path("x-kubernetes-list-map-keys");
    if (keys.size() > 0 && !"map".equals(listType)) {
      if (listType == null) {
        errors.add(
            FieldError.required(
                Paths.child(path, "x-kubernetes-list-type"),
                "must be map if x-kubernetes-list-map-keys is non-empty"));
      } else {
        errors.add(
            FieldError.invalid(
                Paths.child(path, "x-kubernetes-list-type"),
                listType,
                "must be map if x-kubernetes-list-map-keys is non-empty"));
      }
    }
    if ("map".equals(listType)) {
      mapList(schema, path, keys, items);
    }
    if (("map".equals(listType) || "set".equals(listType))
        && items.path("nullable").asBoolean(false)) {
      errors.add(
          FieldError.forbidden(
              Paths.child(Paths.child(path, "items"), "nullable"),
              "cannot be nullable when x-kubernetes-list-type is " + listType));
    }
  }

  private void mapList(ObjectNode schema, String path, JsonNode keys, JsonNode items) {
    if (keys.size() == 0) {
      errors.add(
          FieldError.required(
              Paths.child(path, "x-kubernetes-list-map-keys"),
              "must not be empty if x-kubernetes-list-type is map"));
    }
    if (!items.isObject()) {
      errors.add(
          FieldError.required(
              Paths.child(path, "items"), "must have a schema if x-kubernetes-list-type is map"));
      return;
    }
    String itemType = items.path("type").asText("");
    if (!itemType.equals("object")) {
      errors.add(
          FieldError.invalid(
              Paths.child(Paths.child(path, "items"), "type"),
              itemType,
              "must be object if parent array's x-kubernetes-list-type is map"));
      return;
    }
    Set<String> seen = new HashSet<>();
    Set<String> required = new HashSet<>();
    items.path("required").forEach(r -> required.add(r.asText()));
    for (JsonNode keyNode : keys) {
      String key = keyNode.asText();
      JsonNode property = items.path("properties").get(key);
      String keyPath = Paths.key(Paths.child(Paths.child(path, "items"), "properties"), key);
      if (property == null) {
        errors.add(
            FieldError.invalid(
                Paths.child(path, "x-kubernetes-list-map-keys"),
                keys.toString(),
                "entries must all be names of item properties"));
      } else {
        String keyType = property.path("type").asText("");
        if (keyType.equals("array") || keyType.equals("object")) {
          errors.add(
              FieldError.invalid(
                  Paths.child(keyPath, "type"),
                  itemType,
                  "must be a scalar type if parent array's x-kubernetes-list-type is map"));
        }
        if (!required.contains(key) && !property.has("default")) {
          errors.add(
              FieldError.required(
                  Paths.child(keyPath, "default"),
                  "this property is in x-kubernetes-list-map-keys, so it must have a default or be"
                      + " a required property"));
        }
        if (property.path("nullable").asBoolean(false)) {
          errors.add(
              FieldError.forbidden(
                  Paths.child(keyPath, "nullable"),
                  "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
        }
      }
      if (!seen.add(key)) {
        errors.add(
            FieldError.invalid(
                Paths.child(path, "x-kubernetes-list-map-keys"),
                keys.toString(),
                "must not contain duplicate entries"));
      }
    }
  }

  private void requireType(String type, String wanted, String path, String detail) {
    if (type.isEmpty()) {
      errors.add(FieldError.required(Paths.child(path, "type"), detail));
    } else if (!type.equals(wanted)) {
      errors.add(FieldError.invalid(Paths.child(path, "type"), type, detail));
    }
  }
}
