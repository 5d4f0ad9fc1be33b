package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates a value against a structural schema with Kubernetes' field errors: the field path and
 * the kube-openapi message, such as {@code spec.replicas: Invalid value: "string": spec.replicas in
 * body must be of type integer: "string"}.
 */
public final class Validation {
  private final List<FieldError> errors = new ArrayList<>();

  private Validation() {}

  /**
   * Returns the violations of {@code value} under {@code schema}; {@code path} names the value
   * ({@code ""} for a whole resource).
   */
  public static List<FieldError> validate(JsonNode value, Structural schema, String path) {
    Validation validation = new Validation();
    validation.node(value, schema, path);
    return validation.errors;
  }

  private void node(JsonNode value, Structural s, String path) {
    if (s == null) {
      return;
    }
    if (value.isNull()) {
      if (!s.nullable() && !s.type().isEmpty()) {
        typeError(path, s.type(), "null");
      }
      return;
    }
    if (!typeMatches(value, s, path)) {
      return;
    }
    format(value, s, path);
    enumeration(value, s, path);
    if (value.isTextual()) {
      string(value.asText(), s, path);
    } else if (value.isNumber()) {
      number(value, s, path);
    } else if (value.isArray()) {
      array(value, s, path);
    } else if (value.isObject()) {
      object((ObjectNode) value, s, path);
    }
    junctors(value, s, path);
  }

  private boolean typeMatches(JsonNode value, Structural s, String path) {
    if (s.intOrString()) {
      if (!isInteger(value) && !value.isTextual()) {
        typeError(path, "integer,string", jsonType(value));
        return false;
      }
      return true;
    }
    String type = s.type();
    boolean matches =
        switch (type) {
          case "" -> true;
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          case "string" -> value.isTextual();
          case "boolean" -> value.isBoolean();
          case "integer" -> isInteger(value);
          case "number" -> value.isNumber();
          default -> true;
        };
    if (!matches) {
      typeError(path, type, jsonType(value));
    }
    return matches;
  }

  private void typeError(String path, String type, String actual) {
    errors.add(
        new FieldError(
            FieldError.Type.TYPE_INVALID,
            path,
            actual,
            name(path) + " in body must be of type " + type + ": \"" + actual + "\""));
  }

  private void format(JsonNode value, Structural s, String path) {
    String format = s.format();
    if (format.isEmpty()) {
      return;
    }
    boolean valid =
        value.isTextual()
            ? Formats.validString(format, value.asText())
            : !isInteger(value) || Formats.validInteger(format, value);
    if (!valid) {
      errors.add(
          new FieldError(
              FieldError.Type.TYPE_INVALID,
              path,
              value.asText(),
              name(path) + " in body must be of type " + format + ": \"" + value.asText() + "\""));
    }
  }

  private void enumeration(JsonNode value, Structural s, String path) {
    JsonNode values = s.enumValues();
    if (values == null || !values.isArray()) {
      return;
    }
    for (JsonNode allowed : values) {
      if (sameValue(allowed, value)) {
        return;
      }
    }
    List<String> supported = new ArrayList<>();
    values.forEach(v -> supported.add(v.isTextual() ? v.asText() : v.toString()));
    errors.add(FieldError.notSupported(path, FieldValues.of(value), supported));
  }

  private void string(String value, Structural s, String path) {
    int length = value.codePointCount(0, value.length());
    Long max = s.limit("maxLength");
    if (max != null && length > max) {
      errors.add(
          new FieldError(
              FieldError.Type.TOO_LONG, path, null, "may not be more than " + max + " bytes"));
    }
    Long min = s.limit("minLength");
    if (min != null && length < min) {
      invalid(path, value, "should be at least " + min + " chars long");
    }
    String pattern = s.pattern();
    if (pattern != null && !Patterns.compile(pattern).matcher(value).find()) {
      invalid(path, value, "should match '" + pattern + "'");
    }
  }

  private void number(JsonNode value, Structural s, String path) {
    BigDecimal number = value.decimalValue();
    Object bad = FieldValues.of(value);
    BigDecimal maximum = s.bound("maximum");
    if (maximum != null) {
      boolean exclusive = s.flag("exclusiveMaximum");
      if (exclusive ? number.compareTo(maximum) >= 0 : number.compareTo(maximum) > 0) {
        invalid(
            path, bad, "should be less than " + (exclusive ? "" : "or equal to ") + plain(maximum));
      }
    }
    BigDecimal minimum = s.bound("minimum");
    if (minimum != null) {
      boolean exclusive = s.flag("exclusiveMinimum");
      if (exclusive ? number.compareTo(minimum) <= 0 : number.compareTo(minimum) < 0) {
        invalid(
            path,
            bad,
            "should be greater than " + (exclusive ? "" : "or equal to ") + plain(minimum));
      }
    }
    BigDecimal multipleOf = s.bound("multipleOf");
    if (multipleOf != null
        && multipleOf.signum() > 0
        && number.remainder(multipleOf).signum() != 0) {
      invalid(path, bad, "should be a multiple of " + plain(multipleOf));
    }
  }

  private void array(JsonNode value, Structural s, String path) {
    tooMany(value, s.limit("maxItems"), path);
    Long min = s.limit("minItems");
    if (min != null && value.size() < min) {
      invalid(path, value.size(), "should have at least " + min + " items");
    }
    for (int i = 0; i < value.size(); i++) {
      node(value.get(i), s.items(), Paths.index(path, i));
    }
    switch (s.listType()) {
      case "set" -> uniqueItems(value, path);
      case "map" -> uniqueKeys(value, s.listMapKeys(), path);
      default -> {}
    }
  }

  private void tooMany(JsonNode value, Long max, String path) {
    if (max != null && value.size() > max) {
      errors.add(
          new FieldError(
              FieldError.Type.TOO_MANY, path, value.size(), "must have at most " + max + " items"));
    }
  }

  private void uniqueItems(JsonNode list, String path) {
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!seen.add(list.get(i))) {
        errors.add(FieldError.duplicate(Paths.index(path, i), FieldValues.of(list.get(i))));
      }
    }
  }

  private void uniqueKeys(JsonNode list, List<String> keys, String path) {
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      ObjectNode key = JsonNodeFactory.instance.objectNode();
      for (String k : keys) {
        JsonNode part = list.get(i).get(k);
        if (part != null) {
          key.set(k, part);
        }
      }
      if (!seen.add(key)) {
        errors.add(FieldError.duplicate(Paths.index(path, i), key));
      }
    }
  }

  private void object(ObjectNode value, Structural s, String path) {
    for (String required : s.required()) {
      if (!value.has(required)) {
        errors.add(FieldError.required(Paths.child(path, required), ""));
      }
    }
    tooMany(value, s.limit("maxProperties"), path);
    Long min = s.limit("minProperties");
    if (min != null && value.size() < min) {
      invalid(path, value.size(), "should have at least " + min + " properties");
    }
    if (s.embeddedResource()) {
      errors.addAll(EmbeddedResources.validate(value, path));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      Structural property = s.properties().get(field.getKey());
      if (property == null) {
        property = s.additionalProperties();
      }
      if (property != null && !(s.embeddedResource() && isResourceMeta(field.getKey()))) {
        node(field.getValue(), property, Paths.child(path, field.getKey()));
      }
    }
  }

  private static boolean isResourceMeta(String field) {
    return field.equals("metadata") || field.equals("apiVersion") || field.equals("kind");
  }

  private void junctors(JsonNode value, Structural s, String path) {
    for (Structural allOf : s.allOf()) {
      node(value, allOf, path);
    }
    if (!s.anyOf().isEmpty() && s.anyOf().stream().noneMatch(a -> passes(value, a, path))) {
      invalid(path, FieldValues.of(value), "must validate at least one schema (anyOf)");
    }
    if (!s.oneOf().isEmpty()
        && s.oneOf().stream().filter(o -> passes(value, o, path)).count() != 1) {
      invalid(path, FieldValues.of(value), "must validate one and only one schema (oneOf)");
    }
    if (s.not() != null && passes(value, s.not(), path)) {
      invalid(path, FieldValues.of(value), "must not validate the schema (not)");
    }
  }

  private static boolean passes(JsonNode value, Structural s, String path) {
    return validate(value, s, path).isEmpty();
  }

  private void invalid(String path, Object bad, String what) {
    errors.add(FieldError.invalid(path, bad, name(path) + " in body " + what));
  }

  private static String name(String path) {
    return path.isEmpty() ? "." : path;
  }

  private static boolean isInteger(JsonNode value) {
    if (value.isIntegralNumber()) {
      return true;
    }
    if (!value.isFloatingPointNumber()) {
      return false;
    }
    BigDecimal number = value.decimalValue();
    return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /** The JSON type name kube-openapi reports for a value. */
  static String jsonType(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isNumber()) {
      return isInteger(value) ? "integer" : "number";
    }
    if (value.isArray()) {
      return "array";
    }
    return value.isObject() ? "object" : "null";
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }

  /** Compiled patterns, shared: schemas are few and patterns repeat on every request. */
  private static final class Patterns {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    static Pattern compile(String pattern) {
      return CACHE.computeIfAbsent(pattern, Pattern::compile);
    }
  }
}
