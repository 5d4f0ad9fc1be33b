package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Conversion;
import java.util.HashMap;
import java.util.Map;

/**
 * events.k8s.io/v1 events are core/v1 events under other field names, stored with them in the core
 * form as kube-apiserver stores them: an event one client writes through one API, another reads
 * through the other (kubectl reads core events; client-go's newer recorder writes events.k8s.io
 * ones). The names differ at the top level only.
 */
public final class EventConversion implements Conversion {
  static final String EVENTS_V1 = "events.k8s.io/v1";
  static final String CORE_V1 = "v1";

  /** events.k8s.io/v1 field names and their core/v1 names; the other fields are the same. */
  private static final Map<String, String> TO_CORE =
      Map.of(
          "regarding", "involvedObject",
          "note", "message",
          "reportingController", "reportingComponent",
          "deprecatedSource", "source",
          "deprecatedFirstTimestamp", "firstTimestamp",
          "deprecatedLastTimestamp", "lastTimestamp",
          "deprecatedCount", "count");

  private static final Map<String, String> TO_EVENTS = inverse(TO_CORE);

  @Override
  public ObjectNode toStorage(ObjectNode object, ObjectNode stored) {
    if (!EVENTS_V1.equals(object.path("apiVersion").asText())) {
      return object;
    }
    ObjectNode core = renamed(object, TO_CORE);
    core.put("apiVersion", CORE_V1);
    return core;
  }

  @Override
  public ObjectNode toVersion(ObjectNode stored, String apiVersion) {
    boolean storedCore = !EVENTS_V1.equals(stored.path("apiVersion").asText());
    boolean wantCore = !EVENTS_V1.equals(apiVersion);
    ObjectNode served =
        storedCore == wantCore ? stored : renamed(stored, wantCore ? TO_CORE : TO_EVENTS);
    served.put("apiVersion", apiVersion);
    return served;
  }

  @Override
  public String storedField(String path) {
    int dot = path.indexOf('.');
    String first = dot < 0 ? path : path.substring(0, dot);
    String core = TO_CORE.get(first);
    return core == null ? path : core + path.substring(first.length());
  }

  /** {@code object} with its top-level fields renamed by {@code names}, in their order. */
  private static ObjectNode renamed(ObjectNode object, Map<String, String> names) {
    ObjectNode renamed = object.objectNode();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      renamed.set(names.getOrDefault(field.getKey(), field.getKey()), field.getValue());
    }
    return renamed;
  }

  private static Map<String, String> inverse(Map<String, String> map) {
    Map<String, String> inverse = new HashMap<>();
    map.forEach((k, v) -> inverse.put(v, k));
    return Map.copyOf(inverse);
  }
}
