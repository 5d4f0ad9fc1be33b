package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Deployment's own rules on top of {@link WorkloadValidation}'s, worded as kube-apiserver's apps
 * validation words them: a rolling update that can make progress (maxSurge and maxUnavailable not
 * both zero, maxUnavailable at most 100%), no rollingUpdate with Recreate, non-negative counts, and
 * a progress deadline longer than minReadySeconds. Checked after defaulting, as Kubernetes does, so
 * an absent maxSurge or maxUnavailable is already 25%.
 */
final class DeploymentValidation {
  private static final String NON_NEGATIVE = "must be greater than or equal to 0";
  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
  private static final String PERCENT_MESSAGE =
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or"
          + " '93%', regex used for validation is '[0-9]+%')";

  private DeploymentValidation() {}

  /** Checks a Deployment. */
  static List<FieldError> validate(ObjectNode deployment) {
    List<FieldError> errors = new ArrayList<>(WorkloadValidation.validate(deployment));
    JsonNode spec = deployment.path("spec");
    nonNegative(spec, "minReadySeconds", errors);
    nonNegative(spec, "revisionHistoryLimit", errors);
    nonNegative(spec, "progressDeadlineSeconds", errors);
    JsonNode deadline = spec.get("progressDeadlineSeconds");
    if (deadline != null
        && deadline.isNumber()
        && deadline.asLong() <= spec.path("minReadySeconds").asLong()) {
      errors.add(
          FieldError.invalid(
              "spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
    }
    strategy(spec.path("strategy"), errors);
    return errors;
  }

  private static void strategy(JsonNode strategy, List<FieldError> errors) {
    String type = strategy.path("type").asText();
    JsonNode rolling = strategy.get("rollingUpdate");
    switch (type) {
      case "Recreate" -> {
        if (rolling != null && !rolling.isNull()) {
          errors.add(
              FieldError.forbidden(
                  "spec.strategy.rollingUpdate",
                  "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        if (rolling != null && rolling.isObject()) {
          rollingUpdate(rolling, errors);
        }
      }
      default ->
          errors.add(
              FieldError.notSupported(
                  "spec.strategy.type", type, List.of("Recreate", "RollingUpdate")));
    }
  }

  private static void rollingUpdate(JsonNode rolling, List<FieldError> errors) {
    String prefix = "spec.strategy.rollingUpdate.";
    JsonNode maxUnavailable = rolling.path("maxUnavailable");
    JsonNode maxSurge = rolling.path("maxSurge");
    intOrPercent(prefix + "maxUnavailable", maxUnavailable, errors);
    intOrPercent(prefix + "maxSurge", maxSurge, errors);
    // Neither new pods above the desired count nor old ones below it: the rollout could never move.
    if (amount(maxUnavailable) == 0 && amount(maxSurge) == 0) {
      errors.add(
          FieldError.invalid(
              prefix + "maxUnavailable",
              new GoIntOrString(maxUnavailable),
              "may not be 0 when `maxSurge` is 0"));
    }
    if (maxUnavailable.isTextual() && amount(maxUnavailable) > 100) {
      errors.add(
          FieldError.invalid(
              prefix + "maxUnavailable",
              new GoIntOrString(maxUnavailable),
              "must not be greater than 100%"));
    }
  }

  private static void intOrPercent(String field, JsonNode value, List<FieldError> errors) {
    if (value.isTextual() && !PERCENT.matcher(value.asText()).matches()) {
      errors.add(FieldError.invalid(field, new GoIntOrString(value), PERCENT_MESSAGE));
    } else if (value.isNumber() && value.asLong() < 0) {
      errors.add(FieldError.invalid(field, value, NON_NEGATIVE));
    }
  }

  /** The number an int-or-percent stands for, as Kubernetes' getIntOrPercentValue reads it. */
  private static long amount(JsonNode value) {
    if (value.isTextual()) {
      String text = value.asText();
      return PERCENT.matcher(text).matches()
          ? Long.parseLong(text.substring(0, text.length() - 1))
          : 0;
    }
    return value.asLong();
  }

  private static void nonNegative(JsonNode spec, String name, List<FieldError> errors) {
    JsonNode value = spec.get(name);
    if (value != null && value.isNumber() && value.asLong() < 0) {
      errors.add(FieldError.invalid("spec." + name, value, NON_NEGATIVE));
    }
  }

  /**
   * An int-or-string shown as kube-apiserver 1.32 shows an {@code intstr.IntOrString} bad value
   * (Go's {@code %#v}): {@code intstr.IntOrString{Type:0, IntVal:0, StrVal:""}}.
   */
  private record GoIntOrString(JsonNode value) {
    @Override
    public String toString() {
      boolean text = value.isTextual();
      return "intstr.IntOrString{Type:"
          + (text ? 1 : 0)
          + ", IntVal:"
          + (text ? 0 : value.asInt())
          + ", StrVal:\""
          + (text ? value.asText().replace("\\", "\\\\").replace("\"", "\\\"") : "")
          + "\"}";
    }
  }
}
