package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns JSON values into the values field errors print, as Kubernetes prints Go values. */
public final class FieldValues {
  private FieldValues() {}

  /** A string, number or boolean as itself (strings quoted when printed); other values as JSON. */
  public static Object of(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue();
    }
    if (value.isNumber()) {
      return value.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value;
  }
}
