package io.bosun.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON merge patch (RFC 7386): objects merge, {@code null} removes, everything else replaces. */
final class MergePatch {
  private MergePatch() {}

  static ObjectNode apply(ObjectNode target, ObjectNode patch) {
    ObjectNode result = target.deepCopy();
    merge(result, patch);
    return result;
  }

  private static void merge(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value instanceof ObjectNode patchObject) {
        JsonNode existing = target.get(field.getKey());
        ObjectNode into =
            existing instanceof ObjectNode object ? object : target.putObject(field.getKey());
        merge(into, patchObject);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }
}
