package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.DeleteRequest;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Subresource;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.StorageException;
import io.smallrye.mutiny.Uni;
import java.time.Clock;

/**
 * Finishes the deletion of a CustomResourceDefinition, as Kubernetes' finalizer controller does:
 * marks it Terminating, deletes every custom resource of it, records that in the Terminating
 * condition, removes the {@code customresourcecleanup} finalizer and deletes the definition.
 */
final class CrdCleanup {
  private final GenericStore store;
  private final ResourceType crdType;
  private final Clock clock;

  CrdCleanup(GenericStore store, ResourceType crdType, Clock clock) {
    this.store = store;
    this.crdType = crdType;
    this.clock = clock;
  }

  Uni<Void> run(Crd crd) {
    if (!hasFinalizer(crd.object())) {
      return crd.object().path("metadata").path("finalizers").isEmpty()
          ? delete(crd)
          : Uni.createFrom().voidItem();
    }
    Uni<Void> instances;
    if (crd.established()) {
      instances =
          terminating(
                  crd,
                  "True",
                  "InstanceDeletionInProgress",
                  "CustomResource deletion is in progress")
              .flatMap(ignored -> deleteInstances(crd))
              .flatMap(
                  ignored ->
                      terminating(
                          crd, "False", "InstanceDeletionCompleted", "removed all instances"));
    } else {
      instances = terminating(crd, "False", "NeverEstablished", "resource was never established");
    }
    return instances.flatMap(ignored -> removeFinalizer(crd)).flatMap(ignored -> delete(crd));
  }

  private Uni<Void> terminating(Crd crd, String status, String reason, String message) {
    return store
        .patch(
            crdType,
            "",
            crd.name(),
            Subresource.STATUS,
            current -> {
              CrdConditions.set(
                  CrdConditions.status(current), "Terminating", status, reason, message, clock);
              return current;
            })
        .replaceWithVoid();
  }

  /** Deletes every object of the definition; fails (to be retried) if some remain. */
  private Uni<Void> deleteInstances(Crd crd) {
    ResourceType type = CustomResourceTypes.storage(crd);
    ListOptions all = ListOptions.of(type.storageResource(), Selection.ALL);
    return store
        .deleteCollection(type, all, DeleteRequest.DEFAULT)
        .flatMap(ignored -> store.list(type, all))
        .invoke(
            page -> {
              if (!page.items().isEmpty()) {
                throw new IllegalStateException(
                    page.items().size() + " custom resources of " + crd.name() + " remain");
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> removeFinalizer(Crd crd) {
    return store
        .patch(
            crdType,
            "",
            crd.name(),
            current -> {
              ObjectNode metadata = (ObjectNode) current.get("metadata");
              if (metadata.get("finalizers") instanceof ArrayNode finalizers) {
                for (int i = finalizers.size() - 1; i >= 0; i--) {
                  if (finalizers.get(i).asText().equals(Crd.CLEANUP_FINALIZER)) {
                    finalizers.remove(i);
                  }
                }
              }
              return current;
            })
        .replaceWithVoid();
  }

  private Uni<Void> delete(Crd crd) {
    String uid = crd.object().path("metadata").path("uid").asText(null);
    return store
        .delete(
            crdType, "", crd.name(), new DeleteRequest(new Preconditions(uid, null), null, null))
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  private static boolean hasFinalizer(JsonNode crd) {
    for (JsonNode f : crd.path("metadata").path("finalizers")) {
      if (f.asText().equals(Crd.CLEANUP_FINALIZER)) {
        return true;
      }
    }
    return false;
  }
}
