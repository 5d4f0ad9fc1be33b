package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which part of an object a write addresses: the main resource, {@code /status} or {@code /scale}.
 * Each part is a view of the stored object that clients read and change, and a rule that merges a
 * changed view back into the stored object.
 */
public enum Subresource {
  /** The object itself; for kinds with {@code /status}, writes here keep the stored status. */
  MAIN(""),
  /** {@code /status}: only the status of a write is kept. */
  STATUS("status"),
  /** {@code /scale}: an autoscaling/v1 Scale whose {@code spec.replicas} is written through. */
  SCALE("scale"),
  /** A namespace's {@code /finalize}: only {@code spec.finalizers} of a write is kept. */
  FINALIZE("finalize"),
  /** A pod's {@code /binding}: a Binding posted here assigns the pod to a node. */
  BINDING("binding"),
  /**
   * A pod's {@code /eviction}: a policy/v1 Eviction posted here deletes the pod if budgets allow.
   */
  EVICTION("eviction"),
  /** A pod's {@code /log}: a container's log, read from the node agent (endpoints.PodLogs). */
  LOG("log");

  private static final List<String> READ_WRITE = List.of("get", "patch", "update");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String pathName;

  Subresource(String pathName) {
    this.pathName = pathName;
  }

  /** The name in request paths, {@code ""} for the main resource. */
  public String pathName() {
    return pathName;
  }

  /** Finds the subresource of a path segment; null means the main resource. */
  public static Optional<Subresource> of(String pathName) {
    if (pathName == null) {
      return Optional.of(MAIN);
    }
    for (Subresource s : values()) {
      if (s != MAIN && s.pathName.equals(pathName)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The verbs this subresource serves, as discovery lists them. */
  public List<String> verbs() {
    return switch (this) {
      case FINALIZE -> List.of("update");
      case BINDING, EVICTION -> List.of("create");
      case LOG -> List.of("get");
      default -> READ_WRITE;
    };
  }

  /** The group, version and kind of the documents this subresource takes and returns. */
  public List<String> responseKind(ResourceType type) {
    return switch (this) {
      case SCALE -> List.of("autoscaling", "v1", "Scale");
      case BINDING -> List.of("", "v1", "Binding");
      case EVICTION -> List.of("policy", "v1", "Eviction");
      default -> List.of(type.group(), type.version(), type.kind());
    };
  }

  /** The kind of this view's documents, for strategic merge keys. */
  public String kind(ResourceType type) {
    return this == SCALE ? "Scale" : type.kind();
  }

  /** The view of a stored object that clients read and change. */
  public ObjectNode view(ResourceType type, ObjectNode object) {
    if (this != SCALE) {
      return object;
    }
    return type.scalePaths() == null ? scale(object) : scale(object, type.scalePaths());
  }

  /** Merges a changed view back into the stored object {@code old}; returns the new object. */
  public ObjectNode merge(ResourceType type, ObjectNode changed, ObjectNode old) {
    switch (this) {
      case STATUS -> {
        ObjectNode object = old.deepCopy();
        setOrRemove(object, "status", changed.get("status"));
        // The client's resourceVersion is the precondition the store checks.
        setOrRemove(
            (ObjectNode) object.get("metadata"),
            "resourceVersion",
            changed.path("metadata").get("resourceVersion"));
        return object;
      }
      case SCALE -> {
        ObjectNode object = old.deepCopy();
        JsonNode replicas = changed.path("spec").get("replicas");
        int value = replicas == null || !replicas.canConvertToInt() ? 0 : replicas.asInt();
        JsonPaths.set(
            object,
            type.scalePaths() == null ? ".spec.replicas" : type.scalePaths().specReplicasPath(),
            NODES.numberNode(value));
        return object;
      }
      case FINALIZE -> {
        ObjectNode object = old.deepCopy();
        ObjectNode spec = object.get("spec") instanceof ObjectNode s ? s : object.putObject("spec");
        setOrRemove(spec, "finalizers", changed.path("spec").get("finalizers"));
        setOrRemove(
            (ObjectNode) object.get("metadata"),
            "resourceVersion",
            changed.path("metadata").get("resourceVersion"));
        return object;
      }
      case BINDING -> {
        // The server's own change of the whole pod, status included.
        return changed.deepCopy();
      }
      default -> {
        ObjectNode object = changed.deepCopy();
        if (type.hasStatus()) {
          setOrRemove(object, "status", old.get("status"));
        }
        return object;
      }
    }
  }

  private static void setOrRemove(ObjectNode object, String field, JsonNode value) {
    if (value == null || value.isMissingNode()) {
      object.remove(field);
    } else {
      object.set(field, value.deepCopy());
    }
  }

  /** The autoscaling/v1 Scale of a workload object. */
  static ObjectNode scale(JsonNode object) {
    ObjectNode scale = scaleHead(object);
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    status.put("selector", selectorString(object.path("spec").path("selector")));
    return scale;
  }

  /** The autoscaling/v1 Scale of a custom resource whose numbers live at {@code paths}. */
  static ObjectNode scale(JsonNode object, ScalePaths paths) {
    ObjectNode scale = scaleHead(object);
    scale
        .putObject("spec")
        .put("replicas", JsonPaths.get(object, paths.specReplicasPath()).asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", JsonPaths.get(object, paths.statusReplicasPath()).asInt(0));
    if (paths.labelSelectorPath() != null) {
      String selector = JsonPaths.get(object, paths.labelSelectorPath()).asText("");
      if (!selector.isEmpty()) {
        status.put("selector", selector);
      }
    }
    return scale;
  }

  /** A Scale with its kind and the object's identifying metadata. */
  private static ObjectNode scaleHead(JsonNode object) {
    ObjectNode scale = NODES.objectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode metadata = scale.putObject("metadata");
    for (String field :
        List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      JsonNode value = object.path("metadata").get(field);
      if (value != null) {
        metadata.set(field, value);
      }
    }
    return scale;
  }

  /**
   * A label selector in its string form, sorted by key as Kubernetes prints it; accepts a
   * LabelSelector or the plain map of a ReplicationController.
   */
  static String selectorString(JsonNode selector) {
    Map<String, String> requirements = new TreeMap<>();
    boolean labelSelector = selector.has("matchLabels") || selector.has("matchExpressions");
    JsonNode labels = labelSelector ? selector.path("matchLabels") : selector;
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      requirements.put(e.getKey(), e.getKey() + "=" + e.getValue().asText());
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      values.sort(null);
      String text =
          switch (expression.path("operator").asText()) {
            case "In" -> key + " in (" + String.join(",", values) + ")";
            case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
            case "DoesNotExist" -> "!" + key;
            default -> key;
          };
      requirements.merge(key, text, (a, b) -> a + "," + b);
    }
    return String.join(",", requirements.values());
  }
}
