package io.bosun.controllers.gc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Preconditions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Decides, for one object the graph points at, what garbage collection requires, reading the object
 * and its owners from the server (never from a cache) before any delete, as Kubernetes'
 * attemptToDeleteItem and attemptToOrphan do. Each method answers whether to look again later.
 */
final class Collector {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** How an owner reference stands. */
  private enum Standing {
    SOLID,
    DANGLING,
    WAITING_FOR_DEPENDENTS
  }

  private record Classified(OwnerReference reference, Standing standing) {}

  private final Graph graph;
  private final Kinds kinds;
  private final Consumer<String> attemptToDelete;

  Collector(Graph graph, Kinds kinds, Consumer<String> attemptToDelete) {
    this.graph = graph;
    this.kinds = kinds;
    this.attemptToDelete = attemptToDelete;
  }

  /** Deletes the object if its owners are all gone, or finishes a foreground deletion. */
  Uni<Boolean> attemptToDelete(String uid) {
    Optional<Graph.Snapshot> found = graph.snapshot(uid);
    if (found.isEmpty()) {
      return done();
    }
    Graph.Snapshot item = found.get();
    if (item.beingDeleted() && !item.deletingDependents()) {
      // Deletion is a one-way trip: its dependents are looked at when it is gone.
      return done();
    }
    Optional<Kinds.Kind> kind = kinds.find(item.identity().apiVersion(), item.identity().kind());
    if (kind.isEmpty()) {
      return done();
    }
    ObjectRef identity = located(item.identity(), kind.get());
    return kind.get()
        .client()
        .get(kind.get().scope(identity.namespace()), identity.name())
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .flatMap(
            latest -> {
              if (latest == null || !identity.uid().equals(uidOf(latest))) {
                graph.confirmAbsent(identity);
                return done();
              }
              if (item.deletingDependents()) {
                return finishForeground(item, kind.get(), latest);
              }
              ObjectMeta meta = meta(latest);
              List<OwnerReference> owners = Graph.ownersOf(meta);
              if (owners.isEmpty()) {
                return again(item);
              }
              return classify(owners, identity.namespace())
                  .flatMap(classified -> collect(item, kind.get(), meta, classified))
                  .replaceWith(item.virtual());
            });
  }

  /** Removes the owner's reference from each dependent, then the {@code orphan} finalizer. */
  Uni<Boolean> attemptToOrphan(String uid) {
    Optional<Graph.Snapshot> found = graph.snapshot(uid);
    if (found.isEmpty()) {
      return done();
    }
    Graph.Snapshot owner = found.get();
    return Multi.createFrom()
        .iterable(owner.dependents())
        .onItem()
        .transformToUniAndConcatenate(dependent -> removeReferences(dependent, Set.of(uid)))
        .collect()
        .last()
        .flatMap(ignored -> removeFinalizer(owner.identity(), Graph.ORPHAN))
        .replaceWith(false);
  }

  private Uni<Void> collect(
      Graph.Snapshot item, Kinds.Kind kind, ObjectMeta meta, List<Classified> classified) {
    List<OwnerReference> solid = of(classified, Standing.SOLID);
    List<OwnerReference> dangling = of(classified, Standing.DANGLING);
    List<OwnerReference> waiting = of(classified, Standing.WAITING_FOR_DEPENDENTS);
    ObjectRef identity = located(item.identity(), kind);
    if (!solid.isEmpty()) {
      if (dangling.isEmpty() && waiting.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      // Still owned: only the references to owners that are gone (or going) are dropped.
      Set<String> drop = new java.util.HashSet<>();
      dangling.forEach(r -> drop.add(r.getUid()));
      waiting.forEach(r -> drop.add(r.getUid()));
      return patchReferences(kind, identity, meta, drop);
    }
    if (!waiting.isEmpty() && !item.dependents().isEmpty()) {
      Uni<Void> unblock =
          item.aDependentDeletesItsDependents()
              ? unblockReferences(kind, identity, meta)
              : Uni.createFrom().voidItem();
      // Its owner waits for it: delete it in the foreground too, its own dependents first.
      return unblock.flatMap(ignored -> delete(kind, identity, null, "Foreground"));
    }
    String policy =
        Graph.hasFinalizer(meta, Graph.ORPHAN)
            ? "Orphan"
            : Graph.hasFinalizer(meta, Graph.FOREGROUND) ? "Foreground" : "Background";
    return delete(kind, identity, meta.getResourceVersion(), policy);
  }

  /** An owner deleting in the foreground goes once no dependent blocks it. */
  private Uni<Boolean> finishForeground(Graph.Snapshot item, Kinds.Kind kind, ObjectNode latest) {
    if (item.blocking().isEmpty()) {
      return removeFinalizer(item.identity(), Graph.FOREGROUND).replaceWith(false);
    }
    for (Graph.Snapshot dependent : item.blocking()) {
      if (!dependent.deletingDependents()) {
        attemptToDelete.accept(dependent.identity().uid());
      }
    }
    return done();
  }

  private Uni<List<Classified>> classify(List<OwnerReference> owners, String namespace) {
    return Multi.createFrom()
        .iterable(owners)
        .onItem()
        .transformToUniAndConcatenate(
            reference -> standing(reference, namespace).map(s -> new Classified(reference, s)))
        .collect()
        .asList();
  }

  /** Whether an owner exists (solid), is gone (dangling), or deletes its dependents first. */
  private Uni<Standing> standing(OwnerReference reference, String namespace) {
    if (graph.knownAbsent(reference.getUid(), namespace)) {
      return Uni.createFrom().item(Standing.DANGLING);
    }
    Optional<Kinds.Kind> kind = kinds.find(reference.getApiVersion(), reference.getKind());
    if (kind.isEmpty()) {
      // An owner of a kind we do not know cannot be verified: keep the dependent.
      return Uni.createFrom().item(Standing.SOLID);
    }
    ObjectRef owner = located(ObjectRef.owner(reference, namespace), kind.get());
    return kind.get()
        .client()
        .get(kind.get().scope(namespace), reference.getName())
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .map(
            found -> {
              if (found == null || !Objects.equals(uidOf(found), reference.getUid())) {
                graph.markAbsent(owner);
                return Standing.DANGLING;
              }
              ObjectMeta meta = meta(found);
              return Graph.beingDeleted(meta) && Graph.hasFinalizer(meta, Graph.FOREGROUND)
                  ? Standing.WAITING_FOR_DEPENDENTS
                  : Standing.SOLID;
            });
  }

  /** Reads a dependent and removes its references to {@code ownerUids}. */
  private Uni<Void> removeReferences(ObjectRef dependent, Set<String> ownerUids) {
    Optional<Kinds.Kind> kind = kinds.find(dependent.apiVersion(), dependent.kind());
    if (kind.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return kind.get()
        .client()
        .get(kind.get().scope(dependent.namespace()), dependent.name())
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .flatMap(
            latest ->
                latest == null || !dependent.uid().equals(uidOf(latest))
                    ? Uni.createFrom().voidItem()
                    : patchReferences(kind.get(), dependent, meta(latest), ownerUids));
  }

  private Uni<Void> patchReferences(
      Kinds.Kind kind, ObjectRef identity, ObjectMeta meta, Set<String> ownerUids) {
    List<OwnerReference> kept =
        Graph.ownersOf(meta).stream().filter(r -> !ownerUids.contains(r.getUid())).toList();
    if (kept.size() == Graph.ownersOf(meta).size()) {
      return Uni.createFrom().voidItem();
    }
    return patchMetadata(kind, identity, meta, "ownerReferences", kept.isEmpty() ? null : kept);
  }

  private Uni<Void> unblockReferences(Kinds.Kind kind, ObjectRef identity, ObjectMeta meta) {
    List<OwnerReference> unblocked = new ArrayList<>();
    for (OwnerReference reference : Graph.ownersOf(meta)) {
      unblocked.add(
          Boolean.TRUE.equals(reference.getBlockOwnerDeletion())
              ? new OwnerReferenceBuilder(reference).withBlockOwnerDeletion(false).build()
              : reference);
    }
    return patchMetadata(kind, identity, meta, "ownerReferences", unblocked);
  }

  /** Reads the object again and takes {@code finalizer} off it. */
  private Uni<Void> removeFinalizer(ObjectRef identity, String finalizer) {
    Optional<Kinds.Kind> kind = kinds.find(identity.apiVersion(), identity.kind());
    if (kind.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    ObjectRef located = located(identity, kind.get());
    return kind.get()
        .client()
        .get(kind.get().scope(located.namespace()), located.name())
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .flatMap(
            latest -> {
              if (latest == null || !located.uid().equals(uidOf(latest))) {
                return Uni.createFrom().voidItem();
              }
              ObjectMeta meta = meta(latest);
              if (!Graph.hasFinalizer(meta, finalizer)) {
                return Uni.createFrom().voidItem();
              }
              List<String> rest =
                  meta.getFinalizers().stream().filter(f -> !f.equals(finalizer)).toList();
              return patchMetadata(
                  kind.get(), located, meta, "finalizers", rest.isEmpty() ? null : rest);
            });
  }

  /** A merge patch of one metadata field, pinned to the version it was computed from. */
  private Uni<Void> patchMetadata(
      Kinds.Kind kind, ObjectRef identity, ObjectMeta meta, String field, Object value) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", meta.getResourceVersion());
    metadata.put(field, value);
    return kind.client()
        .patch(
            kind.scope(identity.namespace()),
            identity.name(),
            Patch.merge(Map.of("metadata", metadata)))
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  private Uni<Void> delete(
      Kinds.Kind kind, ObjectRef identity, String resourceVersion, String policy) {
    DeleteOptions options = new DeleteOptions();
    options.setPropagationPolicy(policy);
    options.setPreconditions(new Preconditions(resourceVersion, identity.uid()));
    return kind.client()
        .delete(kind.scope(identity.namespace()), identity.name(), options)
        .onFailure(NotFoundException.class)
        .recoverWithNull();
  }

  /** The identity with the namespace its kind's scope gives. */
  private static ObjectRef located(ObjectRef identity, Kinds.Kind kind) {
    if (kind.namespaced() || identity.namespace().isEmpty()) {
      return identity;
    }
    return new ObjectRef(
        identity.apiVersion(), identity.kind(), "", identity.name(), identity.uid());
  }

  private static List<OwnerReference> of(List<Classified> classified, Standing standing) {
    return classified.stream()
        .filter(c -> c.standing() == standing)
        .map(Classified::reference)
        .collect(Collectors.toList());
  }

  /** Look again at virtual nodes until an informer shows them; nothing else needs it. */
  private static Uni<Boolean> again(Graph.Snapshot item) {
    return Uni.createFrom().item(item.virtual());
  }

  private static Uni<Boolean> done() {
    return Uni.createFrom().item(false);
  }

  private static String uidOf(ObjectNode object) {
    return object.path("metadata").path("uid").asText("");
  }

  static ObjectMeta meta(ObjectNode object) {
    try {
      return MAPPER.treeToValue(object.path("metadata"), ObjectMeta.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable metadata: " + e.getOriginalMessage());
    }
  }
}
