package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Kubernetes' deletion rules around the storage delete: an object that finalizers or a grace period
 * hold is only marked with a deletionTimestamp (and the finalizer of its propagation policy); the
 * last writer to release it deletes it. The marking and the delete are pinned to the version they
 * were computed from and recomputed when a concurrent write wins.
 */
final class Deletion {
  private static final int ATTEMPTS = 16;

  private final Storage storage;
  private final Clock clock;

  Deletion(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  Uni<Deleted> delete(ResourceType type, ObjectKey key, DeleteRequest request) {
    return attempt(type, key, request)
        .onFailure(RaceLost.class)
        .retry()
        .atMost(ATTEMPTS)
        .onFailure(RaceLost.class)
        .transform(Throwable::getCause)
        .map(d -> new Deleted(Versioning.view(type, d.object()), d.gone()));
  }

  /** Returns whether an object written with these contents must now be deleted. */
  static boolean released(ResourceType type, ObjectNode object) {
    JsonNode metadata = object.path("metadata");
    return metadata.hasNonNull("deletionTimestamp")
        && metadata.path("finalizers").isEmpty()
        && metadata.path("deletionGracePeriodSeconds").asLong(0) == 0
        && !type.strategy().heldByKindFinalizers(object);
  }

  /**
   * Refuses an update that adds finalizers to an object being deleted, with kube-apiserver's
   * message.
   */
  static void checkNoNewFinalizers(ResourceType type, ObjectNode object, ObjectNode old) {
    if (!old.path("metadata").hasNonNull("deletionTimestamp")) {
      return;
    }
    List<String> before = new ArrayList<>();
    old.path("metadata").path("finalizers").forEach(f -> before.add(f.asText()));
    List<String> added = new ArrayList<>();
    object.path("metadata").path("finalizers").forEach(f -> added.add(f.asText()));
    added.removeAll(before);
    if (!added.isEmpty()) {
      String list = added.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", "));
      throw Status.invalid(
              type.group(),
              type.kind(),
              object.path("metadata").path("name").asText(""),
              List.of(
                  FieldError.forbidden(
                      "metadata.finalizers",
                      "no new finalizers can be added if the object is being deleted, found new"
                          + " finalizers []string{"
                          + list
                          + "}")))
          .asException();
    }
  }

  private Uni<Deleted> attempt(ResourceType type, ObjectKey key, DeleteRequest request) {
    return storage
        .get(key)
        .flatMap(
            current -> {
              request.preconditions().check(current);
              ObjectNode old = JsonTrees.read(current.json());
              ObjectNode marked = mark(type, old, request);
              Preconditions pinned = Preconditions.resourceVersion(current.resourceVersion());
              if (released(type, marked)) {
                return raced(storage.delete(key, pinned)).map(gone -> new Deleted(gone, true));
              }
              if (marked.equals(old)) {
                return Uni.createFrom().item(new Deleted(current, false));
              }
              String json = JsonTrees.write(marked);
              return raced(storage.guaranteedUpdate(key, pinned, ignored -> json))
                  .map(updated -> new Deleted(updated, false));
            });
  }

  /**
   * An update that, when it leaves an object being deleted with no finalizer or grace period
   * holding it, deletes the object instead (pinned to the version the update was computed from).
   */
  Uni<StoredObject> update(
      ResourceType type,
      ObjectKey key,
      Preconditions preconditions,
      Function<StoredObject, String> update) {
    return storage
        .guaranteedUpdate(
            key,
            preconditions,
            current -> {
              String json =
                  Versioning.stored(type, update.apply(Versioning.view(type, current)), current);
              if (Deletion.released(type, JsonTrees.read(json))) {
                throw new Released(current.resourceVersion());
              }
              return json;
            })
        .onFailure(Released.class)
        .recoverWithUni(
            e ->
                storage
                    .delete(key, Preconditions.resourceVersion(((Released) e).resourceVersion))
                    .onFailure(StorageException.Conflict.class)
                    .transform(Released::new))
        // A write won between our update and our delete: compute the update again.
        .onFailure(Released.class)
        .retry()
        .atMost(8)
        .onFailure(Released.class)
        .transform(Throwable::getCause)
        .map(written -> Versioning.view(type, written));
  }

  /** Signals an update whose result must be deleted rather than stored, or a lost delete race. */
  private static final class Released extends RuntimeException {
    private final long resourceVersion;

    Released(long resourceVersion) {
      super("released", null, false, false);
      this.resourceVersion = resourceVersion;
    }

    Released(Throwable lostRace) {
      super(lostRace.getMessage(), lostRace, false, false);
      this.resourceVersion = 0;
    }
  }

  /** The object as its deletion leaves it; {@link #released} tells whether it can go at once. */
  private ObjectNode mark(ResourceType type, ObjectNode old, DeleteRequest request) {
    ObjectNode object = old.deepCopy();
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    List<String> finalizers = finalizers(metadata, request.propagation());
    String kindFinalizer = type.strategy().deletionFinalizer();
    if (kindFinalizer != null
        && !metadata.hasNonNull("deletionTimestamp")
        && !finalizers.contains(kindFinalizer)) {
      finalizers.add(kindFinalizer);
    }
    setFinalizers(metadata, finalizers);
    var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (!metadata.hasNonNull("deletionTimestamp")) {
      long grace = type.strategy().gracePeriodSeconds(object, request.gracePeriodSeconds());
      metadata.put("deletionTimestamp", now.plusSeconds(grace).toString());
      metadata.put("deletionGracePeriodSeconds", grace);
      type.strategy().prepareForDelete(object);
      return object;
    }
    // Already being deleted: a shorter grace period moves the deadline closer, nothing else does.
    long current = metadata.path("deletionGracePeriodSeconds").asLong(0);
    Long asked = request.gracePeriodSeconds();
    if (asked != null && Math.max(asked, 0) < current) {
      metadata.put("deletionTimestamp", now.plusSeconds(Math.max(asked, 0)).toString());
      metadata.put("deletionGracePeriodSeconds", Math.max(asked, 0));
    }
    return object;
  }

  /**
   * The finalizers after a delete: an explicit policy replaces the garbage collector's finalizers
   * with its own; without one the object keeps what it has (kube-apiserver's rule).
   */
  private static List<String> finalizers(JsonNode metadata, Propagation propagation) {
    List<String> finalizers = new ArrayList<>();
    metadata.path("finalizers").forEach(f -> finalizers.add(f.asText()));
    if (propagation == null) {
      return finalizers;
    }
    finalizers.removeIf(Propagation::isGarbageCollectorFinalizer);
    propagation.finalizer().ifPresent(finalizers::add);
    return finalizers;
  }

  private static void setFinalizers(ObjectNode metadata, List<String> finalizers) {
    if (finalizers.isEmpty()) {
      metadata.remove("finalizers");
      return;
    }
    ArrayNode array = metadata.putArray("finalizers");
    finalizers.forEach(array::add);
  }

  private static <T> Uni<T> raced(Uni<T> write) {
    return write.onFailure(StorageException.Conflict.class).transform(RaceLost::new);
  }

  /** A write pinned to the version we read lost to a concurrent one: read again and retry. */
  private static final class RaceLost extends RuntimeException {
    RaceLost(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
