package io.bosun.apiserver.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.storage.Documents;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.StoredObject;
import java.io.UncheckedIOException;

/**
 * Serves a stored object in the version of the request, and stores what a request wrote. Resources
 * served in more than one version (autoscaling v1 and v2, custom resources) share one storage
 * resource. A kind with a {@link Conversion} is converted both ways; for the others only {@code
 * apiVersion} is rewritten (a custom resource's conversion strategy None), which is enough where
 * the versions agree on the fields used. The kind's strategy may then bring the object up to date
 * ({@link Strategy#prepareForRead}).
 */
final class Versioning {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Versioning() {}

  static StoredObject served(ResourceType type, StoredObject object) {
    String json = object.json();
    Conversion conversion = type.conversion();
    boolean prepares = type.strategy().preparesReads();
    // Text read back from PostgreSQL has jsonb's key order (shorter keys first), so apiVersion is
    // found by a scan; parsing every item made most of a long list's CPU time.
    if (conversion == null
        && !prepares
        && type.apiVersion().equals(Documents.topLevelString(json, "apiVersion"))) {
      return object;
    }
    try {
      ObjectNode node = (ObjectNode) MAPPER.readTree(json);
      boolean transforms = prepares || conversion != null;
      ObjectNode before = transforms ? node.deepCopy() : null;
      if (conversion != null) {
        node = conversion.toVersion(node, type.apiVersion());
      }
      if (prepares) {
        type.strategy().prepareForRead(node);
      }
      node.put("apiVersion", type.apiVersion());
      if (transforms && node.equals(before)) {
        return object;
      }
      return new StoredObject(
          object.key(), object.resourceVersion(), MAPPER.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The stored form of {@code json}, written through {@code type}; {@code current} is the stored
   * object it replaces (null for a create).
   */
  static String stored(ResourceType type, String json, StoredObject current) {
    Conversion conversion = type.conversion();
    if (conversion == null) {
      return json;
    }
    ObjectNode old = current == null ? null : JsonTrees.read(current.json());
    ObjectNode stored = conversion.toStorage(JsonTrees.read(json), old);
    // An update that changes nothing must leave the text as it is, or storage would write it.
    return stored.equals(old) ? current.json() : JsonTrees.write(stored);
  }

  /** What an update through {@code type} starts from: {@code current} in that version. */
  static StoredObject view(ResourceType type, StoredObject current) {
    return type.conversion() == null ? current : served(type, current);
  }

  static ListResult served(ResourceType type, ListResult page) {
    return new ListResult(
        page.items().stream().map(o -> served(type, o)).toList(),
        page.resourceVersion(),
        page.continueToken(),
        page.remainingItemCount());
  }
}
