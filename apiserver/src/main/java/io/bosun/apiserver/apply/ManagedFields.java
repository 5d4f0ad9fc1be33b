package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded {@code metadata.managedFields} of an object: one {@link Entry} per manager, keyed as
 * Kubernetes keys them (by name, operation, subresource, and for updates the API version). Mutable:
 * the field manager works on a copy and encodes it back.
 */
final class ManagedFields {
  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Who owns a set of fields; appliers are one manager whatever API version they use. */
  record Key(String manager, String operation, String apiVersion, String subresource) {
    static Key apply(String manager, String subresource) {
      return new Key(manager, APPLY, "", subresource);
    }

    static Key update(String manager, String apiVersion, String subresource) {
      return new Key(manager, UPDATE, apiVersion, subresource);
    }

    boolean applies() {
      return operation.equals(APPLY);
    }
  }

  /** One manager's fields, with the API version they were written in and when (may be null). */
  record Entry(Key key, String apiVersion, FieldSet fields, String time) {
    Entry withFields(FieldSet newFields) {
      return new Entry(key, apiVersion, newFields, time);
    }
  }

  private final Map<Key, Entry> entries = new LinkedHashMap<>();

  static ManagedFields empty() {
    return new ManagedFields();
  }

  /**
   * Decodes a {@code managedFields} list.
   *
   * @throws IllegalArgumentException if an entry is malformed
   */
  static ManagedFields decode(JsonNode list) {
    ManagedFields managed = new ManagedFields();
    if (list == null || list.isNull()) {
      return managed;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("managedFields must be a list");
    }
    for (JsonNode item : list) {
      String operation = item.path("operation").asText("");
      if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
        throw new IllegalArgumentException("operation must be `Apply` or `Update`");
      }
      String apiVersion = item.path("apiVersion").asText("");
      if (apiVersion.isEmpty()) {
        throw new IllegalArgumentException("apiVersion must not be empty");
      }
      if (!item.path("fieldsType").asText("").equals("FieldsV1")) {
        throw new IllegalArgumentException("fieldsType must be FieldsV1");
      }
      String manager = item.path("manager").asText("");
      String subresource = item.path("subresource").asText("");
      Key key =
          operation.equals(APPLY)
              ? Key.apply(manager, subresource)
              : Key.update(manager, apiVersion, subresource);
      JsonNode time = item.get("time");
      managed.put(
          new Entry(
              key,
              apiVersion,
              FieldsV1.decode(item.get("fieldsV1")),
              time == null || time.isNull() ? null : time.asText()));
    }
    return managed;
  }

  Entry get(Key key) {
    return entries.get(key);
  }

  void put(Entry entry) {
    entries.put(entry.key(), entry);
  }

  void remove(Key key) {
    entries.remove(key);
  }

  List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Every field some manager owns. */
  FieldSet allFields() {
    FieldSet.Builder all = new FieldSet.Builder();
    entries.values().forEach(e -> all.addAll(e.fields()));
    return all.build();
  }

  /** Drops the managers left with no fields. */
  void dropEmpty() {
    entries.values().removeIf(e -> e.fields().isEmpty());
  }

  /**
   * Keeps at most {@code max} update entries, as Kubernetes does: the oldest updates of each API
   * version are merged into one entry named {@code bucket}, oldest first, until few enough remain.
   */
  void capUpdates(int max, String bucket) {
    List<Entry> updates = new ArrayList<>();
    entries.values().stream().filter(e -> !e.key().applies()).forEach(updates::add);
    if (updates.size() <= max) {
      return;
    }
    updates.sort(
        Comparator.comparingLong((Entry e) -> seconds(e.time()))
            .thenComparing(e -> e.key().manager()));
    Map<String, Key> firstOfVersion = new HashMap<>();
    int count = updates.size();
    for (Entry entry : updates) {
      if (count <= max) {
        break;
      }
      Key first = firstOfVersion.putIfAbsent(entry.apiVersion(), entry.key());
      if (first == null) {
        continue;
      }
      Key bucketKey = Key.update(bucket, entry.apiVersion(), "");
      if (entry.key().equals(bucketKey)) {
        continue;
      }
      Entry into = entries.get(bucketKey);
      if (into == null) {
        // The bucket starts as the oldest update of this version.
        Entry oldest = entries.remove(first);
        into = new Entry(bucketKey, oldest.apiVersion(), oldest.fields(), oldest.time());
      }
      entries.remove(entry.key());
      put(
          new Entry(
              bucketKey, entry.apiVersion(), into.fields().union(entry.fields()), entry.time()));
      count--;
    }
  }

  /** Encodes the entries in Kubernetes' order: appliers first, then by time, name, version. */
  ArrayNode encode() {
    List<Entry> sorted = new ArrayList<>(entries.values());
    sorted.sort(
        Comparator.comparing((Entry e) -> e.key().operation())
            .thenComparingLong(e -> seconds(e.time()))
            .thenComparing(e -> e.key().manager())
            .thenComparing(Entry::apiVersion)
            .thenComparing(e -> e.key().subresource()));
    ArrayNode list = NODES.arrayNode();
    for (Entry entry : sorted) {
      ObjectNode item = list.addObject();
      item.put("manager", entry.key().manager());
      item.put("operation", entry.key().operation());
      item.put("apiVersion", entry.apiVersion());
      if (entry.time() != null) {
        item.put("time", entry.time());
      }
      item.put("fieldsType", "FieldsV1");
      item.set("fieldsV1", FieldsV1.encode(entry.fields()));
      if (!entry.key().subresource().isEmpty()) {
        item.put("subresource", entry.key().subresource());
      }
    }
    return list;
  }

  private static long seconds(String time) {
    if (time == null) {
      return 0;
    }
    try {
      return Instant.parse(time).getEpochSecond();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
