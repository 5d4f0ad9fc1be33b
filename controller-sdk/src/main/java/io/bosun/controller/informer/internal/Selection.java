package io.bosun.controller.informer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.core.selector.FieldSelector;
import io.bosun.core.selector.LabelSelector;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether an object belongs to an informer's namespace and selectors, to decide whether one of our
 * own writes may go into its cache.
 */
final class Selection {
  private final String namespace;
  private final LabelSelector labels;
  private final FieldSelector fields;

  Selection(InformerOptions options) {
    this.namespace = options.namespace();
    this.labels = LabelSelector.parse(options.labelSelector());
    this.fields = FieldSelector.parse(options.fieldSelector());
  }

  boolean matches(ObjectNode object) {
    JsonNode metadata = object.path("metadata");
    if (namespace != null && !namespace.equals(metadata.path("namespace").asText(""))) {
      return false;
    }
    if (!labels.isEmpty()) {
      Map<String, String> objectLabels = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = metadata.path("labels").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> label = it.next();
        objectLabels.put(label.getKey(), label.getValue().asText());
      }
      if (!labels.matches(objectLabels)) {
        return false;
      }
    }
    if (!fields.isEmpty()) {
      Map<String, String> values = new HashMap<>();
      for (FieldSelector.Requirement requirement : fields.requirements()) {
        JsonNode node = object;
        for (String part : requirement.path().split("\\.")) {
          node = node.path(part);
        }
        values.put(requirement.path(), node.isValueNode() ? node.asText() : null);
      }
      return fields.matches(values);
    }
    return true;
  }
}
