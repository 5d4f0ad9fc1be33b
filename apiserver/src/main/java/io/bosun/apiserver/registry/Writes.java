package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.services.ServiceAllocator;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.core.api.Status;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/**
 * Runs creates and updates against storage: a create's namespace check, generated names and
 * retries, a Service's addresses reserved before its write, and updates through {@link Deletion} so
 * that a write which releases an object being deleted deletes it.
 */
final class Writes {
  private static final int GENERATE_NAME_ATTEMPTS = 8;

  private final Storage storage;
  private final NameGenerator names;
  private final ServiceAllocator allocator;
  private final Deletion deletion;
  private final NamespaceCache namespaces;

  Writes(
      Storage storage,
      NameGenerator names,
      ServiceAllocator allocator,
      Deletion deletion,
      NamespaceCache namespaces) {
    this.storage = storage;
    this.namespaces = namespaces;
    this.names = names;
    this.allocator = allocator;
    this.deletion = deletion;
  }

  /** Creates a prepared object in {@code namespace}, which must exist and not be terminating. */
  Uni<StoredObject> create(
      ResourceType type, String namespace, ObjectNode prepared, FieldTracking tracking) {
    return requireNamespace(type, namespace, prepared.path("metadata").path("name").asText(""))
        .flatMap(ignored -> createWithName(type, prepared, GENERATE_NAME_ATTEMPTS, tracking));
  }

  /**
   * Writes the object {@code change} computes from the current one, through the update rules. A
   * Service's addresses are reserved first, against the version the write changes.
   */
  Uni<StoredObject> update(
      ResourceType type,
      String namespace,
      String name,
      Subresource subresource,
      Preconditions preconditions,
      FieldTracking tracking,
      Function<StoredObject, ObjectNode> change) {
    ObjectKey key = GenericStore.key(type, namespace, name);
    if (!allocatesAddresses(type, subresource)) {
      return deletion.update(
          type,
          key,
          preconditions,
          current ->
              WriteRules.applyUpdate(type, subresource, change.apply(current), current, tracking));
    }
    Uni<StoredObject> write =
        storage
            .get(key)
            .flatMap(
                current -> {
                  preconditions.check(current);
                  ObjectNode body = change.apply(Versioning.view(type, current));
                  return allocator
                      .allocate(body, JsonTrees.read(current.json()))
                      .flatMap(
                          allocated ->
                              deletion.update(
                                  type,
                                  key,
                                  Preconditions.resourceVersion(current.resourceVersion()),
                                  c ->
                                      WriteRules.applyUpdate(
                                          type, subresource, body, c, tracking)));
                });
    // Without a version asked for, a write that lost a race is computed again.
    return preconditions.resourceVersion() != null
        ? write
        : write.onFailure(StorageException.Conflict.class).retry().atMost(8);
  }

  static boolean allocatesAddresses(ResourceType type, Subresource subresource) {
    return subresource == Subresource.MAIN
        && type.group().isEmpty()
        && type.resource().equals("services");
  }

  private Uni<StoredObject> createWithName(
      ResourceType type, ObjectNode prepared, int attempts, FieldTracking tracking) {
    ObjectNode object = prepared.deepCopy();
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    String generateName = metadata.path("generateName").asText("");
    boolean generated = metadata.path("name").asText("").isEmpty() && !generateName.isEmpty();
    if (generated) {
      metadata.put("name", names.generate(generateName));
    }
    Uni<Void> addresses =
        allocatesAddresses(type, Subresource.MAIN)
            ? allocator.allocate(object, null)
            : Uni.createFrom().voidItem();
    Uni<StoredObject> created =
        addresses
            .flatMap(
                allocated -> {
                  WriteRules.validate(type, object, null);
                  type.strategy().canonicalize(object);
                  tracking.track(null, object);
                  return storage.create(
                      GenericStore.key(
                          type,
                          metadata.path("namespace").asText(""),
                          metadata.path("name").asText()),
                      Versioning.stored(type, JsonTrees.write(object), null));
                })
            .map(stored -> Versioning.view(type, stored));
    if (!generated || attempts <= 1) {
      return created;
    }
    return created
        .onFailure(StorageException.AlreadyExists.class)
        .recoverWithUni(() -> createWithName(type, prepared, attempts - 1, tracking));
  }

  private Uni<Void> requireNamespace(ResourceType type, String namespace, String name) {
    if (!type.namespaced()) {
      return Uni.createFrom().voidItem();
    }
    return namespaces
        .get(namespace)
        .onFailure(StorageException.NotFound.class)
        .transform(e -> Status.notFound("", "namespaces", namespace).asException())
        .invoke(ns -> Namespaces.requireActive(type, ns, name))
        .replaceWithVoid();
  }
}
