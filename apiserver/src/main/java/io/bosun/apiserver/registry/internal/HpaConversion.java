package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Conversion;
import java.util.List;
import java.util.function.Predicate;

/**
 * HorizontalPodAutoscalers are stored as autoscaling/v2, kube-apiserver's storage version, and
 * served as v1 too. v1 has one target, {@code targetCPUUtilizationPercentage}, which is v2's
 * resource metric for cpu with a Utilization target; v1's {@code currentCPUUtilizationPercentage}
 * is that metric's current utilization. What v1 cannot express (other metrics, {@code behavior},
 * conditions) is not shown to v1 clients and survives their updates: Kubernetes carries it in
 * {@code autoscaling.alpha.kubernetes.io/*} annotations of the v1 object, Bosun keeps it from the
 * stored object. As in Kubernetes, an autoscaler without metrics scales on cpu at 80% and one
 * without {@code minReplicas} has 1.
 */
public final class HpaConversion implements Conversion {
  static final String V1 = "autoscaling/v1";
  static final String V2 = "autoscaling/v2";
  private static final int DEFAULT_CPU_UTILIZATION = 80;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Fields of spec and status that v1 and v2 share. */
  private static final List<String> SPEC_SHARED =
      List.of("scaleTargetRef", "minReplicas", "maxReplicas");

  private static final List<String> STATUS_SHARED =
      List.of("observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas");

  @Override
  public ObjectNode toStorage(ObjectNode object, ObjectNode stored) {
    ObjectNode v2 = object;
    if (V1.equals(object.path("apiVersion").asText())) {
      v2 = toV2(object);
      ObjectNode before = stored == null ? null : asV2(stored);
      if (before != null) {
        keep(before, v2);
      }
    }
    v2.put("apiVersion", V2);
    defaults(v2);
    return v2;
  }

  @Override
  public ObjectNode toVersion(ObjectNode stored, String apiVersion) {
    boolean storedV1 = V1.equals(stored.path("apiVersion").asText());
    if (V1.equals(apiVersion)) {
      return storedV1 ? stored : toV1(stored);
    }
    ObjectNode v2 = storedV1 ? toV2(stored) : stored;
    v2.put("apiVersion", apiVersion);
    return v2;
  }

  private static ObjectNode asV2(ObjectNode stored) {
    return V1.equals(stored.path("apiVersion").asText()) ? toV2(stored) : stored;
  }

  /** A v1 object as v2: its cpu target as a metric, its cpu utilization as a current metric. */
  static ObjectNode toV2(ObjectNode v1) {
    ObjectNode v2 = v1.deepCopy();
    v2.put("apiVersion", V2);
    if (v1.get("spec") instanceof ObjectNode spec) {
      ObjectNode converted = copy(spec, SPEC_SHARED);
      JsonNode target = spec.get("targetCPUUtilizationPercentage");
      if (target != null && target.isNumber()) {
        converted.putArray("metrics").add(cpuMetric(target.intValue()));
      }
      v2.set("spec", converted);
    }
    if (v1.get("status") instanceof ObjectNode status) {
      ObjectNode converted = copy(status, STATUS_SHARED);
      JsonNode current = status.get("currentCPUUtilizationPercentage");
      if (current != null && current.isNumber()) {
        ObjectNode metric = converted.putArray("currentMetrics").addObject();
        metric.put("type", "Resource");
        ObjectNode resource = metric.putObject("resource");
        resource.put("name", "cpu");
        resource.putObject("current").put("averageUtilization", current.intValue());
      }
      v2.set("status", converted);
    }
    return v2;
  }

  /** A v2 object as v1: its cpu utilization target and status, nothing else of its metrics. */
  static ObjectNode toV1(ObjectNode v2) {
    ObjectNode v1 = v2.deepCopy();
    v1.put("apiVersion", V1);
    if (v2.get("spec") instanceof ObjectNode spec) {
      ObjectNode converted = copy(spec, SPEC_SHARED);
      for (JsonNode metric : spec.path("metrics")) {
        if (isCpuUtilization(metric)) {
          converted.set(
              "targetCPUUtilizationPercentage",
              metric.path("resource").path("target").get("averageUtilization"));
          break;
        }
      }
      v1.set("spec", converted);
    }
    if (v2.get("status") instanceof ObjectNode status) {
      ObjectNode converted = copy(status, STATUS_SHARED);
      for (JsonNode metric : status.path("currentMetrics")) {
        JsonNode utilization = metric.path("resource").path("current").get("averageUtilization");
        if (isCpu(metric) && utilization != null && utilization.isNumber()) {
          converted.set("currentCPUUtilizationPercentage", utilization);
          break;
        }
      }
      v1.set("status", converted);
    }
    return v1;
  }

  /**
   * Keeps in {@code v2} (converted from a v1 write) what v1 could not say of {@code before}: its
   * metrics other than the cpu utilization target, its behavior, its other current metrics and its
   * conditions.
   */
  private static void keep(ObjectNode before, ObjectNode v2) {
    if (before.get("spec") instanceof ObjectNode oldSpec
        && v2.get("spec") instanceof ObjectNode spec) {
      keepOthers(oldSpec, spec, "metrics", HpaConversion::isCpuUtilization);
      if (oldSpec.has("behavior")) {
        spec.set("behavior", oldSpec.get("behavior"));
      }
    }
    if (before.get("status") instanceof ObjectNode oldStatus) {
      ObjectNode status = v2.get("status") instanceof ObjectNode s ? s : v2.putObject("status");
      keepOthers(oldStatus, status, "currentMetrics", HpaConversion::isCpu);
      if (oldStatus.has("conditions")) {
        status.set("conditions", oldStatus.get("conditions"));
      }
    }
  }

  /**
   * Appends to {@code to}'s array {@code field} the items of {@code from}'s that v1 has no form
   * for.
   */
  private static void keepOthers(
      ObjectNode from, ObjectNode to, String field, Predicate<JsonNode> inV1) {
    for (JsonNode item : from.path(field)) {
      if (!inV1.test(item)) {
        array(to, field).add(item);
      }
    }
  }

  private static void defaults(ObjectNode v2) {
    if (!(v2.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (!spec.has("minReplicas")) {
      spec.put("minReplicas", 1);
    }
    if (!spec.has("metrics")) {
      spec.putArray("metrics").add(cpuMetric(DEFAULT_CPU_UTILIZATION));
    }
  }

  private static ObjectNode cpuMetric(int utilization) {
    ObjectNode metric = NODES.objectNode();
    metric.put("type", "Resource");
    ObjectNode resource = metric.putObject("resource");
    resource.put("name", "cpu");
    ObjectNode target = resource.putObject("target");
    target.put("type", "Utilization");
    target.put("averageUtilization", utilization);
    return metric;
  }

  private static boolean isCpu(JsonNode metric) {
    return "Resource".equals(metric.path("type").asText())
        && "cpu".equals(metric.path("resource").path("name").asText());
  }

  private static boolean isCpuUtilization(JsonNode metric) {
    JsonNode target = metric.path("resource").path("target");
    return isCpu(metric)
        && "Utilization".equals(target.path("type").asText())
        && target.path("averageUtilization").isNumber();
  }

  private static ArrayNode array(ObjectNode parent, String field) {
    return parent.get(field) instanceof ArrayNode array ? array : parent.putArray(field);
  }

  private static ObjectNode copy(ObjectNode from, List<String> fields) {
    ObjectNode to = NODES.objectNode();
    for (String field : fields) {
      if (from.has(field)) {
        to.set(field, from.get(field));
      }
    }
    return to;
  }
}
