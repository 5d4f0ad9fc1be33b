package io.bosun.controllers.labels;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Label selectors as the workload kinds carry them: {@code metav1.LabelSelector} (matchLabels and
 * matchExpressions) and the plain map of a ReplicationController.
 */
public final class Selectors {
  private Selectors() {}

  /**
   * Whether {@code selector} selects an object with {@code labels}. As Kubernetes' controllers read
   * it, a null selector selects nothing and an empty one everything; an unknown operator selects
   * nothing.
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (!matches(selector.getMatchLabels(), actual)) {
      return false;
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions == null) {
      return true;
    }
    for (LabelSelectorRequirement requirement : expressions) {
      if (!matches(requirement, actual)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every pair of {@code wanted} is among {@code labels}: a ReplicationController's
   * selector, or a LabelSelector's matchLabels. An empty or null map selects everything.
   */
  public static boolean matches(Map<String, String> wanted, Map<String, String> labels) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> pair : wanted.entrySet()) {
      if (!Objects.equals(actual.get(pair.getKey()), pair.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code selector} selects nothing at all, or everything (an empty selector). */
  public static boolean isEmpty(LabelSelector selector) {
    return selector == null
        || (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
            && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (Objects.requireNonNullElse(requirement.getOperator(), "")) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }
}
