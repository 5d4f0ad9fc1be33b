package io.bosun.controller.events.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The object an event is about, as an Event's {@code regarding} or {@code involvedObject} names it.
 * No resourceVersion: an event that repeats as the object changes is still the same event.
 */
record ObjectRef(String apiVersion, String kind, String namespace, String name, String uid) {

  /** The reference to {@code object}, whose class supplies an apiVersion and kind it lacks. */
  static ObjectRef of(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
      throw new IllegalArgumentException("an event's object needs a name");
    }
    String apiVersion = object.getApiVersion();
    String kind = object.getKind();
    return new ObjectRef(
        apiVersion == null || apiVersion.isEmpty()
            ? HasMetadata.getApiVersion(object.getClass())
            : apiVersion,
        kind == null || kind.isEmpty() ? HasMetadata.getKind(object.getClass()) : kind,
        meta.getNamespace(),
        meta.getName(),
        meta.getUid());
  }

  /** The reference as JSON, leaving out what is unknown. */
  ObjectNode toTree() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("apiVersion", apiVersion);
    tree.put("kind", kind);
    if (namespace != null && !namespace.isEmpty()) {
      tree.put("namespace", namespace);
    }
    tree.put("name", name);
    if (uid != null && !uid.isEmpty()) {
      tree.put("uid", uid);
    }
    return tree;
  }
}
