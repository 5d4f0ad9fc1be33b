package io.bosun.apiserver.registry.crd.cel;

import dev.cel.runtime.CelEvaluationException;
import io.bosun.apiserver.registry.crd.schema.Structural;
import io.bosun.apiserver.registry.crd.schema.ValidationRule;
import io.bosun.core.api.FieldError;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one rule and words its failure as Kubernetes does: the value shown is the schema type
 * ({@code Invalid value: "object"}), the detail the message, the evaluated message expression, or
 * {@code failed rule: <rule>}; {@code reason} picks the error type and {@code fieldPath} the field.
 */
final class RuleErrors {
  private RuleErrors() {}

  static void report(
      CompiledRule rule,
      Map<String, Object> variables,
      Structural schema,
      String path,
      List<FieldError> errors) {
    String nodePath = path.isEmpty() ? CelValidator.ROOT : path;
    String type = schema.type().isEmpty() ? "" : schema.type();
    Object result;
    try {
      result = CelValidator.run(rule.program(), variables);
    } catch (CelEvaluationException | RuntimeException e) {
      errors.add(FieldError.invalid(nodePath, type, failure(e, rule.rule())));
      return;
    }
    if (Boolean.TRUE.equals(result)) {
      return;
    }
    String field = nodePath;
    if (!rule.rule().fieldPath().isBlank()) {
      List<String> segments = RuleFieldPaths.resolve(rule.rule().fieldPath(), schema);
      if (segments != null) {
        field = RuleFieldPaths.append(path, segments);
      }
    }
    String detail = message(rule, variables);
    String reason = rule.rule().reason();
    if (reason == null) {
      errors.add(FieldError.invalid(field, type, detail));
      return;
    }
    errors.add(
        switch (reason) {
          case "FieldValueForbidden" -> FieldError.forbidden(field, detail);
          case "FieldValueRequired" -> FieldError.required(field, detail);
          case "FieldValueDuplicate" -> FieldError.duplicate(field, type);
          default -> FieldError.invalid(field, type, detail);
        });
  }

  private static String message(CompiledRule rule, Map<String, Object> variables) {
    if (rule.message() != null) {
      try {
        Object text = CelValidator.run(rule.message(), variables);
        if (text instanceof String s && !s.isBlank() && !s.contains("\n")) {
          return s;
        }
      } catch (CelEvaluationException | RuntimeException e) {
        // Kubernetes falls back to the static message when the expression fails.
      }
    }
    return defaultMessage(rule.rule());
  }

  /** The rule's message, or {@code failed rule: <rule>}. */
  static String defaultMessage(ValidationRule rule) {
    return rule.message().isBlank() ? "failed rule: " + rule.rule().trim() : rule.message().trim();
  }

  private static String failure(Exception e, ValidationRule rule) {
    String ruleText = rule.message().isBlank() ? rule.rule().trim() : rule.message().trim();
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof CelValidator.CostLimitExceeded)) {
      cause = cause.getCause();
    }
    if (cause instanceof CelValidator.CostLimitExceeded) {
      return "call cost exceeds limit for rule: " + ruleText;
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (message.startsWith("No matching overload") || message.startsWith("no such overload")) {
      return "'"
          + message
          + "': call arguments did not match a supported operator, function or macro signature"
          + " for rule: "
          + ruleText;
    }
    return message + " evaluating rule: " + ruleText;
  }
}
