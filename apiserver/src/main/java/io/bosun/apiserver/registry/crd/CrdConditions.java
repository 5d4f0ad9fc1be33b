package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Sets the conditions of a CustomResourceDefinition's status, as Kubernetes' helpers do. */
final class CrdConditions {
  private CrdConditions() {}

  /**
   * Sets condition {@code type} in {@code status}; its {@code lastTransitionTime} changes only when
   * its status does.
   */
  static void set(
      ObjectNode status, String type, String value, String reason, String message, Clock clock) {
    ArrayNode conditions =
        status.get("conditions") instanceof ArrayNode list ? list : status.putArray("conditions");
    String time = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    for (int i = 0; i < conditions.size(); i++) {
      JsonNode existing = conditions.get(i);
      if (existing.path("type").asText().equals(type)) {
        if (existing.path("status").asText().equals(value)) {
          time = existing.path("lastTransitionTime").asText(time);
        }
        conditions.set(i, condition(type, value, reason, message, time));
        return;
      }
    }
    conditions.add(condition(type, value, reason, message, time));
  }

  private static ObjectNode condition(
      String type, String value, String reason, String message, String time) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("type", type);
    c.put("status", value);
    c.put("lastTransitionTime", time);
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  /** The status object of a definition, created if missing. */
  static ObjectNode status(ObjectNode crd) {
    return crd.get("status") instanceof ObjectNode s ? s : crd.putObject("status");
  }
}
