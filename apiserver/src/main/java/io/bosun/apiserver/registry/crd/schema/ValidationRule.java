package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code x-kubernetes-validations} entry.
 *
 * @param rule the CEL expression that must be true
 * @param message the message when it is false, or {@code ""}
 * @param messageExpression a CEL expression computing the message, or {@code ""}
 * @param reason {@code FieldValueInvalid}, {@code FieldValueForbidden}, ... or null
 * @param fieldPath the field the error names, relative to the rule's node, or {@code ""}
 * @param optionalOldSelf whether {@code oldSelf} is an optional (evaluated on create too), or null
 *     when not set
 */
public record ValidationRule(
    String rule,
    String message,
    String messageExpression,
    String reason,
    String fieldPath,
    Boolean optionalOldSelf) {

  static ValidationRule of(JsonNode node) {
    return new ValidationRule(
        node.path("rule").asText(""),
        node.path("message").asText(""),
        node.path("messageExpression").asText(""),
        node.hasNonNull("reason") ? node.path("reason").asText() : null,
        node.path("fieldPath").asText(""),
        node.hasNonNull("optionalOldSelf") ? node.path("optionalOldSelf").asBoolean() : null);
  }

  /**
   * The rule as Kubernetes prints a rejected one in a CRD's validation errors, the Go syntax of its
   * {@code ValidationRule} struct.
   */
  @Override
  public String toString() {
    return "apiextensions.ValidationRule{Rule:"
        + goQuote(rule)
        + ", Message:"
        + goQuote(message)
        + ", MessageExpression:"
        + goQuote(messageExpression)
        + ", Reason:"
        + (reason == null
            ? "(*apiextensions.FieldValueErrorReason)(nil)"
            : "(*apiextensions.FieldValueErrorReason)(" + goQuote(reason) + ")")
        + ", FieldPath:"
        + goQuote(fieldPath)
        + ", OptionalOldSelf:"
        + (optionalOldSelf == null ? "(*bool)(nil)" : "(*bool)(" + optionalOldSelf + ")")
        + "}";
  }

  private static String goQuote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
