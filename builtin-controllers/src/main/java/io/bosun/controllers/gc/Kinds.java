package io.bosun.controllers.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the collector knows, by group and kind (an owner reference may name any version of its
 * group), each with an untyped client for reading, patching and deleting objects of it.
 */
final class Kinds {
  /** One known kind. */
  record Kind(ResourceDescriptor<?> descriptor, ResourceClient<ObjectNode> client) {
    boolean namespaced() {
      return descriptor.namespaced();
    }

    /** The namespace argument of a call about an object in {@code namespace}. */
    String scope(String namespace) {
      return namespaced() ? namespace : null;
    }
  }

  private final KubeClient client;
  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

  Kinds(KubeClient client) {
    this.client = client;
  }

  /** Adds a kind; answers false if it was known. */
  boolean add(ResourceDescriptor<?> descriptor) {
    String key = key(descriptor.group(), descriptor.kind());
    return kinds.putIfAbsent(key, new Kind(descriptor, client.resources(descriptor.asUntyped())))
        == null;
  }

  /** The kind an {@code apiVersion} and {@code kind} name, if known. */
  Optional<Kind> find(String apiVersion, String kind) {
    return Optional.ofNullable(kinds.get(key(ObjectRef.groupOf(apiVersion), kind)));
  }

  private static String key(String group, String kind) {
    return kind + "." + group;
  }
}
