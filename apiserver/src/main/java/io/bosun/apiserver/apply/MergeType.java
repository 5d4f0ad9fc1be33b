package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How server-side apply merges one part of an object, read from its OpenAPI v3 schema as Kubernetes
 * reads it: a scalar, an object (a struct with declared fields, or a map) that merges field by
 * field unless {@code x-kubernetes-map-type: atomic}, or a list that is atomic, a set of scalars,
 * or a map keyed by {@code x-kubernetes-list-map-keys} ({@code x-kubernetes-patch-strategy: merge}
 * with {@code x-kubernetes-patch-merge-key} means the same when no list type is given). Parts
 * without a schema (or with {@code x-kubernetes-preserve-unknown-fields}) are {@link Untyped}:
 * their type is deduced from the value, with objects merged by field and lists atomic.
 *
 * <p>Types wrap their schema node and resolve children on demand, so building one costs nothing.
 */
public sealed interface MergeType {

  /** The untyped part: objects are granular maps, lists are atomic, the rest are scalars. */
  MergeType UNTYPED = new Untyped();

  /** A scalar, or anything replaced whole. */
  MergeType SCALAR = new Scalar();

  /** How a list merges. */
  enum ListKind {
    ATOMIC,
    SET,
    MAP
  }

  /** The type of an object whose schema is {@code schema} with {@code metadata} as ObjectMeta. */
  static MergeType root(JsonNode schema, JsonNode objectMetaSchema) {
    return new Struct(
        schema, Map.of("metadata", of(objectMetaSchema), "apiVersion", SCALAR, "kind", SCALAR));
  }

  /** The type an OpenAPI v3 schema describes. */
  static MergeType of(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return UNTYPED;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return SCALAR;
    }
    String type = schema.path("type").asText("");
    if (type.equals("array") || schema.has("items")) {
      return new ListOf(schema);
    }
    if (type.equals("object") || schema.has("properties") || schema.has("additionalProperties")) {
      return new Struct(schema, Map.of());
    }
    return switch (type) {
      case "string", "integer", "number", "boolean" -> SCALAR;
      default -> UNTYPED;
    };
  }

  /**
   * The concrete type of {@code value} under this type: an untyped object becomes a granular map,
   * an untyped list an atomic list; a value whose shape contradicts the schema is a scalar (a leaf
   * replaced whole).
   */
  default MergeType resolve(JsonNode value) {
    if (value == null || value.isNull()) {
      return this instanceof Untyped ? SCALAR : this;
    }
    if (value.isObject()) {
      if (this instanceof Struct) {
        return this;
      }
      return this instanceof Untyped ? Struct.UNTYPED_MAP : SCALAR;
    }
    if (value.isArray()) {
      return this instanceof ListOf ? this : this instanceof Untyped ? ListOf.ATOMIC_LIST : SCALAR;
    }
    return SCALAR;
  }

  /** Returns whether values of this type merge part by part (granular objects and keyed lists). */
  default boolean granular() {
    return false;
  }

  /** A type without a schema. */
  record Untyped() implements MergeType {}

  /** A scalar. */
  record Scalar() implements MergeType {}

  /** An object: declared {@code properties}, other keys typed by {@code additionalProperties}. */
  record Struct(JsonNode schema, Map<String, MergeType> overrides) implements MergeType {
    static final Struct UNTYPED_MAP = new Struct(null, Map.of());

    /** The type of field {@code name}. */
    public MergeType field(String name) {
      MergeType override = overrides.get(name);
      if (override != null) {
        return override;
      }
      if (schema == null) {
        return UNTYPED;
      }
      JsonNode property = schema.path("properties").get(name);
      if (property != null) {
        return of(property);
      }
      JsonNode additional = schema.get("additionalProperties");
      return additional != null && additional.isObject() ? of(additional) : UNTYPED;
    }

    /** Returns whether {@code name} is a declared field (a struct field rather than a map key). */
    public boolean declares(String name) {
      return overrides.containsKey(name) || (schema != null && schema.path("properties").has(name));
    }

    public boolean atomic() {
      return schema != null && "atomic".equals(schema.path("x-kubernetes-map-type").asText());
    }

    @Override
    public boolean granular() {
      return !atomic();
    }
  }

  /** A list. */
  record ListOf(JsonNode schema) implements MergeType {
    static final ListOf ATOMIC_LIST = new ListOf(null);

    public MergeType items() {
      return schema == null ? UNTYPED : of(schema.get("items"));
    }

    public ListKind kind() {
      if (schema == null) {
        return ListKind.ATOMIC;
      }
      String listType = schema.path("x-kubernetes-list-type").asText("");
      switch (listType) {
        case "atomic":
          return ListKind.ATOMIC;
        case "set":
          return ListKind.SET;
        case "map":
          return keys().isEmpty() ? ListKind.ATOMIC : ListKind.MAP;
        default:
          break;
      }
      if (schema.path("x-kubernetes-patch-strategy").asText("").contains("merge")) {
        return schema.has("x-kubernetes-patch-merge-key") ? ListKind.MAP : ListKind.SET;
      }
      return ListKind.ATOMIC;
    }

    /** The key fields of a map-type list. */
    public List<String> keys() {
      List<String> keys = new ArrayList<>();
      if (schema == null) {
        return keys;
      }
      if ("map".equals(schema.path("x-kubernetes-list-type").asText())) {
        schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
      } else if (schema.has("x-kubernetes-patch-merge-key")) {
        keys.add(schema.get("x-kubernetes-patch-merge-key").asText());
      }
      return keys;
    }

    /** The schema default of a key field, or null: Kubernetes fills missing keys from it. */
    public JsonNode keyDefault(String key) {
      return schema == null
          ? null
          : schema.path("items").path("properties").path(key).get("default");
    }

    @Override
    public boolean granular() {
      return kind() != ListKind.ATOMIC;
    }
  }
}
