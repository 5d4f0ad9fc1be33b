package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Strategy;
import io.bosun.core.api.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Secret semantics: base64 data, {@code stringData} merged into {@code data} on write (it is
 * write-only, as in Kubernetes), {@code type} defaulting to Opaque and immutable afterwards.
 */
final class SecretStrategy implements Strategy {
  static final String DEFAULT_TYPE = "Opaque";

  @Override
  public void prepareForCreate(ObjectNode object) {
    prepare(object);
  }

  @Override
  public void prepareForUpdate(ObjectNode object, ObjectNode old) {
    prepare(object);
  }

  @Override
  public List<FieldError> validate(ObjectNode object) {
    return ConfigData.validateKeys(object, "data");
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(validate(object));
    String type = object.path("type").asText();
    if (!type.equals(old.path("type").asText(DEFAULT_TYPE))) {
      errors.add(FieldError.invalid("type", type, "field is immutable"));
    }
    errors.addAll(ConfigData.validateImmutable(object, old, "data"));
    return errors;
  }

  private static void prepare(ObjectNode object) {
    ConfigData.checkBase64Map(object, "data", "Secret");
    ConfigData.checkStringMap(object, "stringData", "Secret");
    JsonNode stringData = object.remove("stringData");
    if (stringData != null && stringData.size() > 0) {
      JsonNode data = object.get("data");
      ObjectNode merged =
          data != null && data.isObject() ? (ObjectNode) data : object.putObject("data");
      object.set("data", merged);
      for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        byte[] bytes = entry.getValue().asText("").getBytes(StandardCharsets.UTF_8);
        merged.put(entry.getKey(), Base64.getEncoder().encodeToString(bytes));
      }
    }
    JsonNode type = object.get("type");
    if (type == null || type.isNull() || type.asText().isEmpty()) {
      object.put("type", DEFAULT_TYPE);
    }
  }
}
