package io.bosun.controller.informer.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The informer's cache: each object as compact JSON bytes (after the transform) with its
 * resourceVersion, and indexes from value to keys. Writers serialize on this object; readers do not
 * lock.
 *
 * <p>Bytes rather than model objects: a fabric8 object graph costs several times its JSON size in
 * heap (docs/benchmarks.md measures it), and decoding on read gives every reader its own copy.
 */
public final class ObjectStore {

  /**
   * One cached object.
   *
   * @param json the object's JSON
   * @param resourceVersion its resourceVersion
   * @param indexValues its values in each custom index, or null when there are none
   */
  public record Entry(byte[] json, String resourceVersion, Map<String, List<String>> indexValues) {}

  private final Map<String, Entry> items = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Set<String>>> indexes = new ConcurrentHashMap<>();

  /** The key of an object: {@code namespace/name}, or {@code name} without a namespace. */
  public static String key(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** The namespace part of a key; {@code ""} for a cluster-scoped key. */
  public static String namespaceOf(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }

  public Entry get(String key) {
    return items.get(key);
  }

  public Set<String> keys() {
    return Collections.unmodifiableSet(items.keySet());
  }

  public int size() {
    return items.size();
  }

  /** Stores (or replaces) an entry and updates the indexes. */
  public synchronized void put(String key, Entry entry) {
    Entry old = items.put(key, entry);
    if (old == null) {
      add(Index.NAMESPACE, namespaceOf(key), key);
    }
    if (old != null && old.indexValues() != null) {
      old.indexValues().forEach((index, values) -> values.forEach(v -> remove(index, v, key)));
    }
    if (entry.indexValues() != null) {
      entry.indexValues().forEach((index, values) -> values.forEach(v -> add(index, v, key)));
    }
  }

  /** Removes an entry and its index values; returns it, or null if absent. */
  public synchronized Entry remove(String key) {
    Entry old = items.remove(key);
    if (old != null) {
      remove(Index.NAMESPACE, namespaceOf(key), key);
      if (old.indexValues() != null) {
        old.indexValues().forEach((index, values) -> values.forEach(v -> remove(index, v, key)));
      }
    }
    return old;
  }

  /** The keys an index holds under {@code value}; empty for an unknown value. */
  public List<String> keysByIndex(String index, String value) {
    Map<String, Set<String>> byValue = indexes.get(index);
    Set<String> keys = byValue == null ? null : byValue.get(value);
    return keys == null ? List.of() : new ArrayList<>(keys);
  }

  /** Whether {@code index} has been declared (the namespace index always is). */
  public boolean hasIndex(String index) {
    return index.equals(Index.NAMESPACE) || indexes.containsKey(index);
  }

  /** Declares an empty index; entries are then re-put with their values by the caller. */
  public synchronized void declareIndex(String index) {
    indexes.putIfAbsent(index, new ConcurrentHashMap<>());
  }

  private void add(String index, String value, String key) {
    indexes
        .computeIfAbsent(index, i -> new ConcurrentHashMap<>())
        .computeIfAbsent(value, v -> ConcurrentHashMap.newKeySet())
        .add(key);
  }

  private void remove(String index, String value, String key) {
    Map<String, Set<String>> byValue = indexes.get(index);
    if (byValue == null) {
      return;
    }
    byValue.computeIfPresent(
        value,
        (v, keys) -> {
          keys.remove(key);
          return keys.isEmpty() ? null : keys;
        });
  }

  /** Index names. */
  static final class Index {
    static final String NAMESPACE = "namespace";

    private Index() {}
  }
}
