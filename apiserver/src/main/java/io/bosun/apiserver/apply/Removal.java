package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.apply.MergeType.ListOf;
import io.bosun.apiserver.apply.MergeType.Struct;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Removes fields from a value: each member of the set goes with everything under it. An object or
 * list that loses all its contents this way goes too, as in Kubernetes (where it becomes null).
 */
final class Removal {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Removal() {}

  /** {@code value} without the members of {@code remove}; null if nothing is left of it. */
  static JsonNode remove(MergeType type, JsonNode value, FieldSet remove, FieldPath path) {
    if (remove.isEmpty() || Values.emptyContainer(value)) {
      return value;
    }
    MergeType resolved = type.resolve(value);
    if (resolved instanceof Struct struct && struct.granular() && value.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode kept =
            keep(
                struct.field(field.getKey()), field.getValue(), remove, path.child(field.getKey()));
        if (kept != null) {
          out.set(field.getKey(), kept);
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (resolved instanceof ListOf list && list.granular() && value.isArray()) {
      List<PathElement> elements = ListItems.elementsOrNull(list, value, path);
      if (elements == null) {
        return value;
      }
      ArrayNode out = NODES.arrayNode();
      for (int i = 0; i < elements.size(); i++) {
        JsonNode kept = keep(list.items(), value.get(i), remove, path.child(elements.get(i)));
        if (kept != null) {
          out.add(kept);
        }
      }
      return out.isEmpty() ? null : out;
    }
    return value;
  }

  private static JsonNode keep(MergeType type, JsonNode value, FieldSet remove, FieldPath path) {
    if (remove.has(path)) {
      return null;
    }
    return remove.hasPathsUnder(path) ? remove(type, value, remove, path) : value;
  }
}
