package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a CustomResourceDefinition's OpenAPI v3 schema, read once into the fields that
 * validation, pruning, defaulting and CEL use. The value-validation junctors ({@code allOf}, {@code
 * anyOf}, {@code oneOf}, {@code not}) are nodes of the same shape.
 *
 * <p>Parsing is lenient: a malformed schema is reported by {@link StructuralCheck}, never here.
 */
public final class Structural {
  private final ObjectNode source;
  private final Map<String, Structural> properties = new LinkedHashMap<>();
  private final Structural items;
  private final Structural additionalProperties;
  private final List<Structural> allOf = new ArrayList<>();
  private final List<Structural> anyOf = new ArrayList<>();
  private final List<Structural> oneOf = new ArrayList<>();
  private final Structural not;
  private final List<String> required = new ArrayList<>();
  private final List<ValidationRule> rules = new ArrayList<>();

  private Structural(ObjectNode source) {
    this.source = source;
    for (Iterator<Map.Entry<String, JsonNode>> it = source.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue() instanceof ObjectNode property) {
        properties.put(e.getKey(), new Structural(property));
      }
    }
    items = source.get("items") instanceof ObjectNode i ? new Structural(i) : null;
    additionalProperties =
        source.get("additionalProperties") instanceof ObjectNode a ? new Structural(a) : null;
    junctor(source.path("allOf"), allOf);
    junctor(source.path("anyOf"), anyOf);
    junctor(source.path("oneOf"), oneOf);
    not = source.get("not") instanceof ObjectNode n ? new Structural(n) : null;
    source.path("required").forEach(r -> required.add(r.asText()));
    JsonNode validations = source.path("x-kubernetes-validations");
    for (int i = 0; i < validations.size(); i++) {
      rules.add(ValidationRule.of(validations.get(i)));
    }
  }

  /** Reads a schema; {@code schema} is kept, not copied, and must not change afterwards. */
  public static Structural of(ObjectNode schema) {
    return new Structural(schema);
  }

  private static void junctor(JsonNode list, List<Structural> into) {
    for (JsonNode node : list) {
      if (node instanceof ObjectNode schema) {
        into.add(new Structural(schema));
      }
    }
  }

  /** The schema as written. */
  public ObjectNode source() {
    return source;
  }

  /** The type ({@code object}, {@code string}, ...), or {@code ""}. */
  public String type() {
    return source.path("type").asText("");
  }

  public String format() {
    return source.path("format").asText("");
  }

  public String description() {
    return source.path("description").asText("");
  }

  public boolean nullable() {
    return source.path("nullable").asBoolean(false);
  }

  public Map<String, Structural> properties() {
    return Collections.unmodifiableMap(properties);
  }

  /** The schema of array items, or null. */
  public Structural items() {
    return items;
  }

  /** The schema of map values ({@code additionalProperties} as a schema), or null. */
  public Structural additionalProperties() {
    return additionalProperties;
  }

  /** Returns whether {@code additionalProperties: true} allows any value without a schema. */
  public boolean additionalPropertiesAllowed() {
    return source.path("additionalProperties").asBoolean(false);
  }

  public List<Structural> allOf() {
    return allOf;
  }

  public List<Structural> anyOf() {
    return anyOf;
  }

  public List<Structural> oneOf() {
    return oneOf;
  }

  /** The {@code not} schema, or null. */
  public Structural not() {
    return not;
  }

  public List<String> required() {
    return required;
  }

  /** The default value, or null. */
  public JsonNode defaultValue() {
    return source.get("default");
  }

  /** The {@code enum} values, or null. */
  public JsonNode enumValues() {
    return source.get("enum");
  }

  /** The pattern, or null. */
  public String pattern() {
    return source.has("pattern") ? source.path("pattern").asText() : null;
  }

  /** A numeric keyword ({@code maxLength}, {@code minItems}, ...) as a long, or null. */
  public Long limit(String keyword) {
    JsonNode value = source.get(keyword);
    return value != null && value.isNumber() ? value.asLong() : null;
  }

  /** A bound ({@code minimum}, {@code maximum}, {@code multipleOf}), or null. */
  public BigDecimal bound(String keyword) {
    JsonNode value = source.get(keyword);
    return value != null && value.isNumber() ? value.decimalValue() : null;
  }

  public boolean flag(String keyword) {
    return source.path(keyword).asBoolean(false);
  }

  public boolean preserveUnknownFields() {
    return flag("x-kubernetes-preserve-unknown-fields");
  }

  public boolean embeddedResource() {
    return flag("x-kubernetes-embedded-resource");
  }

  public boolean intOrString() {
    return flag("x-kubernetes-int-or-string");
  }

  /** {@code x-kubernetes-list-type}: {@code atomic}, {@code set}, {@code map}, or {@code ""}. */
  public String listType() {
    return source.path("x-kubernetes-list-type").asText("");
  }

  public List<String> listMapKeys() {
    List<String> keys = new ArrayList<>();
    source.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
    return keys;
  }

  /** {@code x-kubernetes-map-type}: {@code atomic}, {@code granular}, or {@code ""}. */
  public String mapType() {
    return source.path("x-kubernetes-map-type").asText("");
  }

  /** The CEL rules of {@code x-kubernetes-validations}. */
  public List<ValidationRule> rules() {
    return rules;
  }
}
