package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code metadata.generation}: it counts changes of the desired state, which is everything
 * but metadata and status, so controllers can tell a spec change from a status or label change.
 */
final class Generation {
  private Generation() {}

  /** Sets {@code object}'s generation from {@code old}'s, plus one if the desired state changed. */
  static void bump(ObjectNode object, ObjectNode old) {
    long generation = old.path("metadata").path("generation").asLong(1);
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    if (!desired(object).equals(desired(old))) {
      metadata.put("generation", generation + 1);
    } else if (old.path("metadata").has("generation")) {
      // The stored node itself: a LongNode would not equal the stored IntNode, and a write that
      // changes nothing must be seen as one.
      metadata.set("generation", old.path("metadata").get("generation").deepCopy());
    } else {
      metadata.put("generation", generation);
    }
  }

  private static JsonNode desired(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove("metadata");
    copy.remove("status");
    return copy;
  }
}
