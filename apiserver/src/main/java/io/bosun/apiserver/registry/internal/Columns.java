package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the tables of every area share: kube-apiserver's default table (Name, Created At), the
 * containers and images of a pod template, and selectors and labels written the way {@code kubectl
 * get} shows them. Each area's kinds have their columns in {@link PodColumns}, {@link
 * WorkloadColumns}, {@link ScalingColumns}, {@link NetworkColumns}, {@link StorageColumns}, {@link
 * EventColumns} and {@link ClusterColumns}, following kube-apiserver's printers.
 */
final class Columns {
  private Columns() {}

  static final String NONE = "<none>";
  static final String UNSET = "<unset>";

  /** kube-apiserver's table for kinds without a printer of their own: Name and Created At. */
  static final List<TableColumn> DEFAULT =
      List.of(
          TableColumn.NAME,
          new TableColumn(
              "Created At",
              "date",
              "",
              "CreationTimestamp is a timestamp representing the server time when this object was"
                  + " created.",
              0,
              o -> o.path("metadata").path("creationTimestamp").asText("")));

  /** A text field at a JSON pointer, or {@code ""}. */
  static String text(JsonNode object, String pointer) {
    return object.at(pointer).asText("");
  }

  /** A number at a JSON pointer, or 0. */
  static long number(JsonNode object, String pointer) {
    return object.at(pointer).asLong(0);
  }

  static String orNone(String value) {
    return value.isEmpty() ? NONE : value;
  }

  /** The wide Containers and Images columns of the pod template at {@code podSpec}. */
  static List<TableColumn> containersAndImages(String podSpec) {
    return List.of(
        TableColumn.wide(
            "Containers",
            "string",
            "Names of each container in the template.",
            o -> joined(o.at(podSpec + "/containers"), "name")),
        TableColumn.wide(
            "Images",
            "string",
            "Images referenced by each container in the template.",
            o -> joined(o.at(podSpec + "/containers"), "image")));
  }

  /** The wide Selector column over a metav1 LabelSelector at {@code pointer}. */
  static TableColumn selector(String pointer) {
    return selector(o -> orNone(labelSelector(o.at(pointer))));
  }

  /** The wide Selector column, written by {@code cell}. */
  static TableColumn selector(Function<JsonNode, Object> cell) {
    return TableColumn.wide("Selector", "string", "The label selector of the pods.", cell);
  }

  /** One field of each item, comma-separated. */
  static String joined(JsonNode items, String field) {
    List<String> values = new ArrayList<>();
    items.forEach(item -> values.add(item.path(field).asText("")));
    return String.join(",", values);
  }

  /** A label map as {@code labels.FormatLabels} writes it: sorted {@code k=v}, or none. */
  static String labels(JsonNode map) {
    List<String> pairs = new ArrayList<>();
    fields(map).forEach((k, v) -> pairs.add(k + "=" + v.asText("")));
    return pairs.isEmpty() ? NONE : String.join(",", pairs);
  }

  /**
   * A metav1 LabelSelector as its selector string ({@code app=web,tier in (a,b),!legacy}),
   * requirements sorted by key; {@code ""} when it selects everything or nothing.
   */
  static String labelSelector(JsonNode selector) {
    TreeMap<String, List<String>> requirements = new TreeMap<>();
    fields(selector.path("matchLabels"))
        .forEach((k, v) -> add(requirements, k, k + "=" + v.asText("")));
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText("");
      TreeSet<String> values = new TreeSet<>();
      expression.path("values").forEach(v -> values.add(v.asText("")));
      String set = " (" + String.join(",", values) + ")";
      switch (expression.path("operator").asText("")) {
        case "In" -> add(requirements, key, key + " in" + set);
        case "NotIn" -> add(requirements, key, key + " notin" + set);
        case "Exists" -> add(requirements, key, key);
        case "DoesNotExist" -> add(requirements, key, "!" + key);
        default -> add(requirements, key, key + " ?");
      }
    }
    List<String> all = new ArrayList<>();
    requirements.values().forEach(all::addAll);
    return String.join(",", all);
  }

  /** A boolean as kube's printers write an optional one: True, False or {@code <unset>}. */
  static String bool(JsonNode value) {
    if (!value.isBoolean()) {
      return UNSET;
    }
    return value.asBoolean() ? "True" : "False";
  }

  /** Returns whether a condition of this type has status True. */
  static boolean conditionTrue(JsonNode conditions, String type) {
    for (JsonNode condition : conditions) {
      if (condition.path("type").asText("").equals(type)) {
        return condition.path("status").asText("").equals("True");
      }
    }
    return false;
  }

  /** The fields of an object, sorted by name. */
  static Map<String, JsonNode> fields(JsonNode object) {
    Map<String, JsonNode> fields = new TreeMap<>();
    object.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
    return fields;
  }

  private static void add(Map<String, List<String>> requirements, String key, String text) {
    requirements.computeIfAbsent(key, k -> new ArrayList<>()).add(text);
  }
}
