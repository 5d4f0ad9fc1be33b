package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Schemas;

/**
 * Shallow schemas of the built-in kinds: their top-level fields with types and descriptions, which
 * is what the unknown-field check and {@code kubectl explain <kind>} read. Deeper schemas come with
 * the OpenAPI work.
 */
final class KindSchemas {
  private KindSchemas() {}

  /**
   * A kind with the given top-level fields, each {@code name} (an object) or {@code name:type} with
   * type string, integer, boolean, array or map.
   */
  static ObjectNode of(String description, String... fields) {
    ObjectNode properties = Schemas.properties();
    for (String field : fields) {
      String[] parts = field.split(":", 2);
      String type = parts.length == 2 ? parts[1] : "object";
      String name = parts[0];
      ObjectNode schema =
          switch (type) {
            case "string" -> Schemas.string(name + ".");
            case "integer" -> Schemas.integer(name + ".");
            case "boolean" -> Schemas.bool(name + ".");
            case "array" -> Schemas.list(name + ".", Schemas.object(""));
            case "map" -> Schemas.stringMap(name + ".");
            default -> Schemas.object(name + ".");
          };
      properties.set(name, schema);
    }
    return Schemas.kind(description, properties);
  }

  /** A kind with {@code spec} and {@code status}. */
  static ObjectNode specStatus(String description) {
    return of(description, "spec", "status");
  }
}
