package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Strategy;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.List;

/** ConfigMap semantics: string data, base64 binaryData, keys unique across both, immutability. */
final class ConfigMapStrategy implements Strategy {

  @Override
  public void prepareForCreate(ObjectNode object) {
    checkShape(object);
  }

  @Override
  public void prepareForUpdate(ObjectNode object, ObjectNode old) {
    checkShape(object);
  }

  @Override
  public List<FieldError> validate(ObjectNode object) {
    return ConfigData.validateKeys(object, "data", "binaryData");
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(validate(object));
    errors.addAll(ConfigData.validateImmutable(object, old, "data", "binaryData"));
    return errors;
  }

  private static void checkShape(ObjectNode object) {
    ConfigData.checkStringMap(object, "data", "ConfigMap");
    ConfigData.checkBase64Map(object, "binaryData", "ConfigMap");
  }
}
