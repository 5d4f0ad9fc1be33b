package io.bosun.controller.informer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.internal.Json;
import io.bosun.controller.informer.IndexFunction;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns objects into cache entries (compact JSON plus their index values) and entries back into
 * objects, for one kind and its custom indexes.
 */
final class Entries<T> {
  private final ResourceDescriptor<T> descriptor;
  private final Map<String, IndexFunction<T>> indexers = new ConcurrentHashMap<>();

  Entries(ResourceDescriptor<T> descriptor) {
    this.descriptor = descriptor;
  }

  /** An object's tree, with the object decoded at most once and only when something needs it. */
  final class Decoded {
    final ObjectNode tree;
    private T object;

    Decoded(ObjectNode tree) {
      this.tree = tree;
    }

    T object() {
      if (object == null) {
        object = descriptor.fromTree(tree);
      }
      return object;
    }
  }

  Decoded decoded(ObjectNode tree) {
    return new Decoded(tree);
  }

  /** The cache entry of an object at version {@code rv}. Call under the store's lock. */
  ObjectStore.Entry entry(Decoded decoded, String rv) {
    byte[] json;
    try {
      json = Json.MAPPER.writeValueAsBytes(decoded.tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return new ObjectStore.Entry(
        json, rv, indexers.isEmpty() ? null : indexValues(decoded.object()));
  }

  /** The entry with its index values computed again, after an index was added. */
  ObjectStore.Entry reindexed(ObjectStore.Entry entry) {
    return new ObjectStore.Entry(entry.json(), entry.resourceVersion(), indexValues(read(entry)));
  }

  T read(ObjectStore.Entry entry) {
    return descriptor.read(entry.json());
  }

  boolean hasIndexer(String name) {
    return indexers.containsKey(name);
  }

  void addIndexer(String name, IndexFunction<T> function) {
    indexers.put(name, function);
  }

  private Map<String, List<String>> indexValues(T object) {
    Map<String, List<String>> values = new ConcurrentHashMap<>();
    indexers.forEach(
        (name, function) -> {
          List<String> computed = function.values(object);
          if (computed != null && !computed.isEmpty()) {
            values.put(name, List.copyOf(computed));
          }
        });
    return values.isEmpty() ? null : values;
  }
}
