package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The validation the workload kinds share: a selector that is present, not empty and matches the
 * pod template's labels, a selector that never changes, and replicas that are not negative.
 */
final class WorkloadValidation {
  private static final String IMMUTABLE = "field is immutable";

  private WorkloadValidation() {}

  /** Checks a Deployment, ReplicaSet, StatefulSet or DaemonSet (LabelSelector selectors). */
  static List<FieldError> validate(ObjectNode object) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = object.path("spec");
    replicas(spec, errors);
    JsonNode selector = spec.get("selector");
    if (selector == null || selector.isNull()) {
      errors.add(FieldError.required("spec.selector", ""));
      return errors;
    }
    if (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty()) {
      errors.add(FieldError.invalid("spec.selector", selector, "empty selector is invalid"));
      return errors;
    }
    JsonNode labels = spec.path("template").path("metadata").path("labels");
    if (!matches(selector, labels)) {
      errors.add(
          FieldError.invalid(
              "spec.template.metadata.labels",
              new GoStringMap(labels),
              "`selector` does not match template `labels`"));
    }
    return errors;
  }

  /** Checks a ReplicationController, whose selector is a plain map. */
  static List<FieldError> validateController(ObjectNode object) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = object.path("spec");
    replicas(spec, errors);
    JsonNode selector = spec.path("selector");
    if (selector.isEmpty()) {
      errors.add(FieldError.required("spec.selector", ""));
      return errors;
    }
    JsonNode template = spec.get("template");
    if (template != null && !matchLabels(selector, template.path("metadata").path("labels"))) {
      errors.add(
          FieldError.invalid(
              "spec.template.metadata.labels",
              new GoStringMap(template.path("metadata").path("labels")),
              "`selector` does not match template `labels`"));
    }
    return errors;
  }

  /** Refuses a changed selector: controllers would orphan the pods they own. */
  static List<FieldError> immutableSelector(ObjectNode object, ObjectNode old) {
    JsonNode selector = object.path("spec").path("selector");
    if (!selector.equals(old.path("spec").path("selector"))) {
      return List.of(FieldError.invalid("spec.selector", selector, IMMUTABLE));
    }
    return List.of();
  }

  /**
   * A label map shown as kube-apiserver's errors show a Go {@code map[string]string} value ({@code
   * %#v}): {@code map[string]string{"app":"web", "tier":"db"}}, keys sorted.
   */
  private record GoStringMap(JsonNode labels) {
    @Override
    public String toString() {
      if (!labels.isObject()) {
        return "map[string]string(nil)";
      }
      List<String> entries = new ArrayList<>();
      Columns.fields(labels).forEach((k, v) -> entries.add(quote(k) + ":" + quote(v.asText(""))));
      return "map[string]string{" + String.join(", ", entries) + "}";
    }

    private static String quote(String text) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
  }

  private static void replicas(JsonNode spec, List<FieldError> errors) {
    JsonNode replicas = spec.get("replicas");
    if (replicas != null && replicas.isNumber() && replicas.asLong() < 0) {
      errors.add(
          FieldError.invalid("spec.replicas", replicas, "must be greater than or equal to 0"));
    }
  }

  /** Returns whether a LabelSelector selects an object with {@code labels}. */
  static boolean matches(JsonNode selector, JsonNode labels) {
    if (!matchLabels(selector.path("matchLabels"), labels)) {
      return false;
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      Set<String> values = new HashSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean has = labels.has(key);
      String value = labels.path(key).asText();
      boolean ok =
          switch (expression.path("operator").asText()) {
            case "In" -> has && values.contains(value);
            case "NotIn" -> !has || !values.contains(value);
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchLabels(JsonNode wanted, JsonNode labels) {
    for (var it = wanted.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!labels.path(e.getKey()).isTextual()
          || !labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }
}
