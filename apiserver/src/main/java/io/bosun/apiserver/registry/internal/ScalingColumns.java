package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.internal.Columns.number;
import static io.bosun.apiserver.registry.internal.Columns.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.TableColumn;
import java.util.ArrayList;
import java.util.List;

/** The tables of horizontal pod autoscalers and pod disruption budgets. */
final class ScalingColumns {
  private ScalingColumns() {}

  private static final int SHOWN_METRICS = 2;
  private static final String UNKNOWN = "<unknown>";

  static final List<TableColumn> AUTOSCALERS =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Reference",
              "string",
              "Reference to the scaled resource.",
              o ->
                  text(o, "/spec/scaleTargetRef/kind")
                      + "/"
                      + text(o, "/spec/scaleTargetRef/name")),
          TableColumn.of(
              "Targets",
              "string",
              "The metrics the replica count is computed from, current/target.",
              ScalingColumns::targets),
          TableColumn.of(
              "MinPods",
              "string",
              "The lower limit for the number of replicas.",
              o ->
                  o.at("/spec/minReplicas").isNumber()
                      ? o.at("/spec/minReplicas").asText()
                      : Columns.UNSET),
          TableColumn.of(
              "MaxPods",
              "string",
              "The upper limit for the number of replicas.",
              o -> number(o, "/spec/maxReplicas")),
          TableColumn.of(
              "Replicas",
              "string",
              "The current number of replicas.",
              o -> number(o, "/status/currentReplicas")),
          TableColumn.AGE);

  static final List<TableColumn> DISRUPTION_BUDGETS =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Min Available",
              "string",
              "The minimum number of pods that must be available.",
              o -> intOrString(o.at("/spec/minAvailable"))),
          TableColumn.of(
              "Max Unavailable",
              "string",
              "The maximum number of pods that may be unavailable.",
              o -> intOrString(o.at("/spec/maxUnavailable"))),
          TableColumn.of(
              "Allowed Disruptions",
              "integer",
              "Calculated number of pods that may be disrupted at this time.",
              o -> number(o, "/status/disruptionsAllowed")),
          TableColumn.AGE);

  /**
   * The metrics as {@code cpu: 12%/80%, 3/10 + 1 more...}. A table asked for through autoscaling/v1
   * is built from the v1 form, whose targetCPUUtilizationPercentage is a cpu metric.
   */
  private static String targets(JsonNode hpa) {
    JsonNode specs = hpa.at("/spec/metrics");
    if (specs.isEmpty()) {
      if (!hpa.at("/spec/targetCPUUtilizationPercentage").isNumber()) {
        return Columns.NONE;
      }
      JsonNode current = hpa.at("/status/currentCPUUtilizationPercentage");
      return "cpu: "
          + (current.isNumber() ? current.asText() + "%" : UNKNOWN)
          + "/"
          + hpa.at("/spec/targetCPUUtilizationPercentage").asText()
          + "%";
    }
    JsonNode statuses = hpa.at("/status/currentMetrics");
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < specs.size() && i < SHOWN_METRICS; i++) {
      shown.add(metric(specs.get(i), statuses.path(i)));
    }
    String text = String.join(", ", shown);
    return specs.size() > SHOWN_METRICS
        ? text + " + " + (specs.size() - SHOWN_METRICS) + " more..."
        : text;
  }

  private static String metric(JsonNode spec, JsonNode status) {
    String type = spec.path("type").asText("");
    return switch (type) {
      case "External", "Object" -> {
        String field = type.equals("External") ? "external" : "object";
        JsonNode target = spec.path(field).path("target");
        JsonNode current = status.path(field).path("current");
        yield target.has("averageValue")
            ? quantity(current.path("averageValue"))
                + "/"
                + target.path("averageValue").asText()
                + " (avg)"
            : quantity(current.path("value")) + "/" + target.path("value").asText();
      }
      case "Pods" ->
          quantity(status.at("/pods/current/averageValue"))
              + "/"
              + spec.at("/pods/target/averageValue").asText();
      case "Resource", "ContainerResource" -> {
        String field = type.equals("Resource") ? "resource" : "containerResource";
        JsonNode source = spec.path(field);
        JsonNode target = source.path("target");
        JsonNode current = status.path(field).path("current");
        String name = source.path("name").asText("") + ": ";
        if (target.has("averageValue")) {
          yield name
              + quantity(current.path("averageValue"))
              + "/"
              + target.path("averageValue").asText();
        }
        String now =
            current.path("averageUtilization").isNumber()
                ? current.path("averageUtilization").asText() + "%"
                : UNKNOWN;
        String wanted =
            target.path("averageUtilization").isNumber()
                ? target.path("averageUtilization").asText() + "%"
                : "<auto>";
        yield name + now + "/" + wanted;
      }
      default -> "<unknown type>";
    };
  }

  private static String quantity(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? UNKNOWN : value.asText();
  }

  private static String intOrString(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "N/A" : value.asText();
  }
}
