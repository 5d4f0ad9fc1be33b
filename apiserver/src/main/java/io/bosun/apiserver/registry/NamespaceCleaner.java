package io.bosun.apiserver.registry;

import io.bosun.apiserver.storage.Documents;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.StorageException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Empties a terminating namespace, then takes the {@code kubernetes} finalizer off it, which lets
 * the store delete it. Objects that finalizers or grace periods hold are waited for with back-off.
 * It stands in for the namespace lifecycle controller of builtin-controllers (issue 6), which takes
 * over this work and this class then goes.
 */
final class NamespaceCleaner {
  private static final Logger LOG = Logger.getLogger(NamespaceCleaner.class);
  private static final Duration FIRST_WAIT = Duration.ofMillis(100);
  private static final Duration MAX_WAIT = Duration.ofSeconds(10);

  private final GenericStore store;
  private final KindRegistry registry;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  NamespaceCleaner(GenericStore store, KindRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  /** Starts emptying {@code namespace} in the background unless that already runs. */
  void start(String namespace) {
    if (!running.add(namespace)) {
      return;
    }
    clean(namespace, FIRST_WAIT)
        .subscribe()
        .with(
            done -> running.remove(namespace),
            failure -> {
              running.remove(namespace);
              LOG.warnf("emptying namespace %s failed: %s", namespace, failure.getMessage());
            });
  }

  /** Starts emptying every namespace that is being deleted. */
  Uni<Void> resume() {
    ResourceType namespaces = registry.find("", "v1", "namespaces").orElseThrow();
    return store
        .list(namespaces, ListOptions.of(namespaces.storageResource(), Selection.ALL))
        .invoke(
            page ->
                page.items().stream()
                    .filter(ns -> Documents.field(ns.json(), "metadata.deletionTimestamp") != null)
                    .forEach(ns -> start(ns.key().name())))
        .replaceWithVoid();
  }

  private Uni<Void> clean(String namespace, Duration wait) {
    return deleteContents(namespace)
        .flatMap(
            remaining -> {
              if (remaining == 0) {
                return removeFinalizer(namespace);
              }
              Duration next =
                  wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
              return Uni.createFrom()
                  .voidItem()
                  .onItem()
                  .delayIt()
                  .by(wait)
                  .flatMap(ignored -> clean(namespace, next));
            });
  }

  /** Deletes everything in the namespace; answers how many objects are still there. */
  private Uni<Integer> deleteContents(String namespace) {
    return Multi.createFrom()
        .iterable(namespacedTypes().values())
        .onItem()
        .transformToUniAndConcatenate(type -> deleteAll(type, namespace))
        .collect()
        .with(java.util.stream.Collectors.summingInt(Integer::intValue));
  }

  /** Deletes every object of {@code type} there; answers how many are only marked. */
  private Uni<Integer> deleteAll(ResourceType type, String namespace) {
    return store
        .deleteCollection(
            type,
            ListOptions.of(type.storageResource(), Selection.namespace(namespace)),
            DeleteRequest.DEFAULT)
        .map(
            deleted ->
                (int)
                    deleted.items().stream()
                        .filter(
                            o -> Documents.field(o.json(), "metadata.deletionTimestamp") != null)
                        .count());
  }

  private Uni<Void> removeFinalizer(String namespace) {
    ResourceType namespaces = registry.find("", "v1", "namespaces").orElseThrow();
    return store
        .patch(
            namespaces,
            "",
            namespace,
            Subresource.FINALIZE,
            view -> {
              var finalizers = view.path("spec").path("finalizers");
              if (finalizers instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
                for (int i = array.size() - 1; i >= 0; i--) {
                  if (array.get(i).asText().equals("kubernetes")) {
                    array.remove(i);
                  }
                }
              }
              return view;
            })
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** One type per stored resource: versions of one resource share their objects. */
  private Map<String, ResourceType> namespacedTypes() {
    Map<String, ResourceType> types = new LinkedHashMap<>();
    for (ResourceType type : registry.all()) {
      if (type.namespaced()) {
        types.putIfAbsent(type.storageResource(), type);
      }
    }
    return types;
  }
}
