package io.bosun.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Documents, waits and comparisons shared by the storage tests. */
final class TestObjects {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private TestObjects() {}

  /** Waits for a {@code Uni}, never longer than {@link EmbeddedPostgresFixture#TIMEOUT}. */
  static <T> T await(Uni<T> uni) {
    return uni.await().atMost(EmbeddedPostgresFixture.TIMEOUT);
  }

  /** A minimal ConfigMap-like document for {@code key} with the given labels and data. */
  static String doc(ObjectKey key, Map<String, String> labels, Map<String, ?> data) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("apiVersion", "v1").put("kind", "Thing");
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", key.name());
    if (!key.namespace().isEmpty()) {
      metadata.put("namespace", key.namespace());
    }
    metadata.put("uid", "uid-" + key);
    if (!labels.isEmpty()) {
      metadata.set("labels", MAPPER.valueToTree(labels));
    }
    root.set("data", MAPPER.valueToTree(data));
    return root.toString();
  }

  static String doc(ObjectKey key) {
    return doc(key, Map.of(), Map.of());
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The document without {@code metadata.resourceVersion}, for comparing what was given. */
  static JsonNode withoutResourceVersion(String json) {
    JsonNode node = tree(json);
    ((ObjectNode) node.get("metadata")).remove("resourceVersion");
    return node;
  }

  /** Returns {@code json} with one top-level field of {@code data} set. */
  static String withData(String json, String field, Object value) {
    ObjectNode node = (ObjectNode) tree(json);
    ObjectNode data = node.get("data") instanceof ObjectNode d ? d : node.putObject("data");
    data.set(field, MAPPER.valueToTree(value));
    return node.toString();
  }

  /** Returns {@code json} with its labels replaced. */
  static String withLabels(String json, Map<String, String> labels) {
    ObjectNode node = (ObjectNode) tree(json);
    ((ObjectNode) node.get("metadata")).set("labels", MAPPER.valueToTree(labels));
    return node.toString();
  }

  /** Asserts that a stored object carries its own resource version in its document. */
  static void assertStamped(StoredObject object) {
    assertThat(Documents.field(object.json(), "metadata.resourceVersion"))
        .as("metadata.resourceVersion of %s", object.key())
        .isEqualTo(Long.toString(object.resourceVersion()));
  }

  /** The objects by key, as comparable values: resource version and parsed document. */
  static Map<ObjectKey, Snapshot> byKey(Collection<StoredObject> objects) {
    Map<ObjectKey, Snapshot> map = new TreeMap<>(TestObjects::compareKeys);
    for (StoredObject o : objects) {
      map.put(o.key(), new Snapshot(o.resourceVersion(), tree(o.json())));
    }
    return map;
  }

  /** An object's version and document, compared as JSON trees. */
  record Snapshot(long resourceVersion, JsonNode json) {}

  /**
   * Applies watch events, in order, to the objects a list returned: what a client's cache holds
   * after them.
   */
  static Map<ObjectKey, Snapshot> replay(List<StoredObject> start, List<WatchEvent> events) {
    Map<ObjectKey, Snapshot> state = new LinkedHashMap<>(byKey(start));
    for (WatchEvent event : events) {
      switch (event.type()) {
        case ADDED, MODIFIED ->
            state.put(
                event.object().key(),
                new Snapshot(event.resourceVersion(), tree(event.object().json())));
        case DELETED -> state.remove(event.object().key());
        case BOOKMARK -> {}
      }
    }
    Map<ObjectKey, Snapshot> sorted = new TreeMap<>(TestObjects::compareKeys);
    sorted.putAll(state);
    return sorted;
  }

  static int compareKeys(ObjectKey a, ObjectKey b) {
    int c = a.resource().compareTo(b.resource());
    if (c == 0) {
      c = a.namespace().compareTo(b.namespace());
    }
    return c != 0 ? c : a.name().compareTo(b.name());
  }
}
