package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.storage.Documents;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Deletion of a kind whose strategy names a {@link Strategy#deletionFinalizer()}: the first delete
 * request sets {@code deletionTimestamp} and adds the finalizer (as kube-apiserver does for
 * CustomResourceDefinitions); the object goes once a controller has removed every finalizer and
 * deletes it again.
 */
final class DeferredDeletion {
  private DeferredDeletion() {}

  /** Marks the object, or deletes it if it is marked and has no finalizers left. */
  static Uni<StoredObject> delete(
      Storage storage, ResourceType type, ObjectKey key, Preconditions preconditions, Clock clock) {
    return storage
        .guaranteedUpdate(key, preconditions, current -> mark(type, current, clock))
        .flatMap(
            marked ->
                finalized(marked.json())
                    ? storage.delete(key, new Preconditions(Documents.uid(marked.json()), null))
                    : Uni.createFrom().item(marked));
  }

  private static String mark(ResourceType type, StoredObject current, Clock clock) {
    ObjectNode object = GenericStore.read(current.json());
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    if (metadata.hasNonNull("deletionTimestamp")) {
      return current.json();
    }
    metadata.put("deletionTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    metadata.put("deletionGracePeriodSeconds", 0);
    ArrayNode finalizers =
        metadata.get("finalizers") instanceof ArrayNode list
            ? list
            : metadata.putArray("finalizers");
    String finalizer = type.strategy().deletionFinalizer();
    boolean present = false;
    for (JsonNode f : finalizers) {
      present |= f.asText().equals(finalizer);
    }
    if (!present) {
      finalizers.add(finalizer);
    }
    type.strategy().prepareForDeletion(object);
    return GenericStore.write(object);
  }

  private static boolean finalized(String json) {
    JsonNode metadata = GenericStore.read(json).path("metadata");
    return metadata.hasNonNull("deletionTimestamp") && metadata.path("finalizers").isEmpty();
  }
}
