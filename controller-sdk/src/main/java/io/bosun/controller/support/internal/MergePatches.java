package io.bosun.controller.support.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Computes RFC 7386 merge patches. */
public final class MergePatches {
  private MergePatches() {}

  /**
   * The merge patch that turns {@code from} into {@code to}: changed and new fields with their new
   * values, removed fields as null, objects compared field by field, anything else (arrays
   * included) replaced whole. Empty when they are equal. A null value inside {@code to} cannot be
   * expressed (it means "remove") and reads as absent.
   */
  public static ObjectNode diff(ObjectNode from, ObjectNode to) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode old = from.get(field.getKey());
      JsonNode now = field.getValue();
      if (now.isNull()) {
        if (old != null && !old.isNull()) {
          patch.putNull(field.getKey());
        }
      } else if (old instanceof ObjectNode oldObject && now instanceof ObjectNode newObject) {
        ObjectNode nested = diff(oldObject, newObject);
        if (!nested.isEmpty()) {
          patch.set(field.getKey(), nested);
        }
      } else if (!now.equals(old)) {
        patch.set(field.getKey(), now.deepCopy());
      }
    }
    for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!to.has(name) && !from.get(name).isNull()) {
        patch.putNull(name);
      }
    }
    return patch;
  }
}
