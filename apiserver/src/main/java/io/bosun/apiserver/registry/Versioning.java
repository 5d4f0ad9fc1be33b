package io.bosun.apiserver.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.storage.Documents;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.StoredObject;
import java.io.UncheckedIOException;

/**
 * Serves a stored object in the version of the request. Resources served in more than one version
 * (autoscaling v1 and v2, custom resources) share one storage resource; until real conversion
 * exists, only {@code apiVersion} is rewritten (a custom resource's conversion strategy None),
 * which is enough where the versions agree on the fields used. The kind's strategy may then bring
 * the object up to date ({@link Strategy#prepareForRead}).
 */
final class Versioning {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Versioning() {}

  static StoredObject served(ResourceType type, StoredObject object) {
    String json = object.json();
    boolean prepares = type.strategy().preparesReads();
    // Text read back from PostgreSQL has jsonb's key order (shorter keys first), so apiVersion is
    // found by a scan; parsing every item made most of a long list's CPU time.
    if (!prepares && type.apiVersion().equals(Documents.topLevelString(json, "apiVersion"))) {
      return object;
    }
    try {
      ObjectNode node = (ObjectNode) MAPPER.readTree(json);
      ObjectNode before = prepares ? node.deepCopy() : node;
      if (prepares) {
        type.strategy().prepareForRead(node);
      }
      if (type.apiVersion().equals(node.path("apiVersion").asText())
          && (!prepares || node.equals(before))) {
        return object;
      }
      node.put("apiVersion", type.apiVersion());
      return new StoredObject(
          object.key(), object.resourceVersion(), MAPPER.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ListResult served(ResourceType type, ListResult page) {
    return new ListResult(
        page.items().stream().map(o -> served(type, o)).toList(),
        page.resourceVersion(),
        page.continueToken(),
        page.remainingItemCount());
  }
}
