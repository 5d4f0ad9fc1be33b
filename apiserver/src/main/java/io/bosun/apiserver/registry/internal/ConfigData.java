package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules ConfigMaps and Secrets share for their {@code data} maps. */
final class ConfigData {
  private static final String KEY_REGEX = "[-._a-zA-Z0-9]+";
  private static final Pattern KEY = Pattern.compile(KEY_REGEX);
  private static final String KEY_MESSAGE =
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
          + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '"
          + KEY_REGEX
          + "')";

  /** The most data a ConfigMap or Secret may hold, as in Kubernetes. */
  static final int MAX_BYTES = 1024 * 1024;

  private ConfigData() {}

  /** Refuses with 400 a map field whose values are not strings (a decoding error in Kubernetes). */
  static void checkStringMap(ObjectNode object, String field, String kind) {
    JsonNode map = object.get(field);
    if (map == null || map.isNull()) {
      return;
    }
    if (!map.isObject()) {
      throw decodeError(kind, "json: cannot unmarshal into Go struct field " + field);
    }
    for (JsonNode value : map) {
      if (!value.isTextual() && !value.isNull()) {
        throw decodeError(
            kind, "json: cannot unmarshal into Go struct field " + field + " of type string");
      }
    }
  }

  /**
   * Refuses with 400 a map field whose values are not valid base64, as Kubernetes' decoder does.
   */
  static void checkBase64Map(ObjectNode object, String field, String kind) {
    checkStringMap(object, field, kind);
    for (JsonNode value : object.path(field)) {
      try {
        Base64.getDecoder().decode(value.asText(""));
      } catch (IllegalArgumentException e) {
        throw decodeError(kind, "illegal base64 data in " + field + ": " + e.getMessage());
      }
    }
  }

  /** Validates the keys of the given data maps and their total size. */
  static List<FieldError> validateKeys(ObjectNode object, String... fields) {
    List<FieldError> errors = new ArrayList<>();
    long size = 0;
    List<String> seen = new ArrayList<>();
    for (String field : fields) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.path(field).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String key = entry.getKey();
        String path = field + "[" + key + "]";
        if (key.length() > 253) {
          errors.add(FieldError.invalid(path, key, "must be no more than 253 characters"));
        }
        if (!KEY.matcher(key).matches()) {
          errors.add(FieldError.invalid(path, key, KEY_MESSAGE));
        }
        if (seen.contains(key)) {
          errors.add(FieldError.invalid(path, key, "duplicate of key present in " + fields[0]));
        }
        seen.add(key);
        size += entry.getValue().asText("").length();
      }
    }
    if (size > MAX_BYTES) {
      errors.add(
          new FieldError(
              FieldError.Type.TOO_LONG, "", null, "must have at most " + MAX_BYTES + " bytes"));
    }
    return errors;
  }

  /** Forbids changing data once an object was marked {@code immutable}. */
  static List<FieldError> validateImmutable(ObjectNode object, ObjectNode old, String... fields) {
    List<FieldError> errors = new ArrayList<>();
    if (!old.path("immutable").asBoolean(false)) {
      return errors;
    }
    if (!object.path("immutable").asBoolean(false)) {
      errors.add(FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
    }
    for (String field : fields) {
      if (!object.path(field).equals(old.path(field))) {
        errors.add(FieldError.forbidden(field, "field is immutable when `immutable` is set"));
      }
    }
    return errors;
  }

  private static RuntimeException decodeError(String kind, String why) {
    return Status.badRequest(
            kind + " in version \"v1\" cannot be handled as a " + kind + ": " + why)
        .asException();
  }
}
