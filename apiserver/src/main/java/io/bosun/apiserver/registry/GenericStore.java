package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.apply.FieldManager;
import io.bosun.apiserver.apply.ManagerNames;
import io.bosun.apiserver.registry.internal.MetaValidation;
import io.bosun.apiserver.registry.services.ServiceAllocator;
import io.bosun.apiserver.registry.services.ServiceNetwork;
import io.bosun.apiserver.storage.DryRunStorage;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.bosun.apiserver.storage.WatchOptions;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The generic store: the metadata rules every kind shares (identity from the URL, names and
 * generateName, uid, creationTimestamp, resourceVersion preconditions, immutable fields) around the
 * kind's {@link Strategy} and the {@link Storage} calls. Failures travel as failed {@code Uni}s
 * carrying a {@link io.bosun.core.api.StatusException} or a {@link StorageException}.
 */
public final class GenericStore {
  private static final int GENERATE_NAME_ATTEMPTS = 8;

  private final Storage storage;
  private final KindRegistry registry;
  private final Clock clock;
  private final NameGenerator names;
  private final Deletion deletion;
  private final NamespaceCleaner cleaner;
  private final PodSubresources pods;
  private final ServiceAllocator allocator;

  /** Creates a store over {@code storage} for the kinds of {@code registry}. */
  public GenericStore(Storage storage, KindRegistry registry, Clock clock, NameGenerator names) {
    this(storage, registry, clock, names, ServiceNetwork.DEFAULTS);
  }

  /** Creates a store whose Services draw their addresses from {@code network}. */
  public GenericStore(
      Storage storage,
      KindRegistry registry,
      Clock clock,
      NameGenerator names,
      ServiceNetwork network) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.names = Objects.requireNonNull(names, "names");
    this.deletion = new Deletion(storage, clock);
    this.cleaner = new NamespaceCleaner(this, registry);
    this.pods = new PodSubresources(this, registry, clock);
    this.allocator = new ServiceAllocator(storage, network, clock);
  }

  /**
   * Deletes every object a list with {@code options} returns, as {@link #delete} does one; answers
   * with their last states (objects deleted meanwhile by others are left out).
   */
  public Uni<ListResult> deleteCollection(
      ResourceType type, ListOptions options, DeleteRequest request) {
    return list(type, options)
        .flatMap(
            page ->
                Multi.createFrom()
                    .iterable(page.items())
                    .onItem()
                    .transformToUniAndConcatenate(
                        item ->
                            delete(type, item.key().namespace(), item.key().name(), request)
                                .map(Deleted::object)
                                .onFailure(StorageException.NotFound.class)
                                .recoverWithNull())
                    .collect()
                    .asList()
                    .map(deleted -> new ListResult(deleted, page.resourceVersion(), null, null)));
  }

  /** Resumes emptying namespaces whose deletion a stopped apiserver left unfinished. */
  public Uni<Void> resumeNamespaceDeletions() {
    return cleaner.resume();
  }

  /** The same store for {@code dryRun=All}: every check and default runs, nothing is committed. */
  public GenericStore dryRun() {
    return new GenericStore(
        new DryRunStorage(storage), registry, clock, names, allocator.network());
  }

  /** The storage key of an object of {@code type}. */
  public static ObjectKey key(ResourceType type, String namespace, String name) {
    return new ObjectKey(type.storageResource(), type.namespaced() ? namespace : "", name);
  }

  /**
   * Creates an object sent to the collection of {@code type} in {@code namespace} (ignored for
   * cluster-scoped types).
   */
  public Uni<StoredObject> create(ResourceType type, String namespace, ObjectNode body) {
    return create(type, namespace, body, ManagerNames.UNKNOWN);
  }

  /** Creates an object as {@link #create(ResourceType, String, ObjectNode)}, by {@code manager}. */
  public Uni<StoredObject> create(
      ResourceType type, String namespace, ObjectNode body, String manager) {
    return create(
        type,
        namespace,
        body,
        FieldTracking.update(FieldTracking.manager(type, Subresource.MAIN, clock), manager));
  }

  private Uni<StoredObject> create(
      ResourceType type, String namespace, ObjectNode body, FieldTracking tracking) {
    return Uni.createFrom()
        .item(() -> prepareCreate(type, namespace, body))
        .flatMap(
            object ->
                requireNamespace(type, namespace, object.path("metadata").path("name").asText(""))
                    .flatMap(
                        ignored -> createWithName(type, object, GENERATE_NAME_ATTEMPTS, tracking)));
  }

  /** Reads one object. */
  public Uni<StoredObject> get(ResourceType type, String namespace, String name) {
    return storage.get(key(type, namespace, name)).map(o -> Versioning.served(type, o));
  }

  /** Lists objects; {@code options.resource()} must be {@code type.storageResource()}. */
  public Uni<ListResult> list(ResourceType type, ListOptions options) {
    checkResource(type, options.resource());
    return storage.list(options).map(page -> Versioning.served(type, page));
  }

  /** Watches objects; {@code options.resource()} must be {@code type.storageResource()}. */
  public Multi<WatchEvent> watch(ResourceType type, WatchOptions options) {
    checkResource(type, options.resource());
    return storage.watch(options).map(event -> Versioning.served(type, event));
  }

  /**
   * Patches an object: {@code patch} turns the current object into the new one, which then passes
   * the same checks as an update. A {@code metadata.resourceVersion} the patch sets is a
   * precondition (409 when it is stale); otherwise concurrent writes are retried with the patch
   * applied to the fresh object.
   */
  public Uni<StoredObject> patch(
      ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> patch) {
    return patch(type, namespace, name, Subresource.MAIN, patch);
  }

  /**
   * Patches the {@code subresource} view of an object: {@code patch} changes the view (the object,
   * or its Scale), and the changed view is merged back as {@link Subresource#merge} says.
   */
  public Uni<StoredObject> patch(
      ResourceType type,
      String namespace,
      String name,
      Subresource subresource,
      UnaryOperator<ObjectNode> patch) {
    return patch(type, namespace, name, subresource, ManagerNames.UNKNOWN, patch);
  }

  /** Patches the {@code subresource} view of an object, the change made by {@code manager}. */
  public Uni<StoredObject> patch(
      ResourceType type,
      String namespace,
      String name,
      Subresource subresource,
      String manager,
      UnaryOperator<ObjectNode> patch) {
    FieldTracking tracking =
        FieldTracking.update(FieldTracking.manager(type, subresource, clock), manager);
    return write(
        type,
        namespace,
        name,
        subresource,
        Preconditions.NONE,
        tracking,
        current -> {
          ObjectNode patched = patch.apply(subresource.view(type, JsonTrees.read(current.json())));
          if (!(patched.get("metadata") instanceof ObjectNode)) {
            patched.putObject("metadata");
          }
          checkResourceVersion(type, name, patched, current);
          return patched;
        });
  }

  /**
   * Server-side apply: merges {@code config} into the object as {@code manager}, creating the
   * object when it does not exist (through the main resource only). Fails with 409 when the apply
   * would change fields other managers own, unless {@code force}.
   */
  public Uni<Applied> apply(
      ResourceType type,
      String namespace,
      String name,
      Subresource subresource,
      ObjectNode config,
      String manager,
      boolean force) {
    FieldManager fields = FieldTracking.manager(type, subresource, clock);
    return Uni.createFrom()
        .item(() -> ApplyRequests.check(type, subresource, name, config))
        .flatMap(
            applied ->
                deletion
                    .update(
                        type,
                        key(type, namespace, name),
                        Preconditions.NONE,
                        current -> {
                          ObjectNode merged =
                              ApplyRequests.merge(
                                  type,
                                  applied,
                                  () ->
                                      fields.apply(
                                          JsonTrees.read(current.json()), applied, manager, force));
                          checkResourceVersion(type, name, merged, current);
                          return applyUpdate(
                              type,
                              subresource,
                              subresource.view(type, merged),
                              current,
                              FieldTracking.applied(merged));
                        })
                    .map(updated -> new Applied(updated, false))
                    .onFailure(StorageException.NotFound.class)
                    .recoverWithUni(
                        notFound ->
                            subresource == Subresource.MAIN
                                ? createByApply(type, namespace, name, applied, manager, force)
                                : Uni.createFrom().failure(notFound)));
  }

  /** The apply of a missing object: the merge of the configuration into nothing, created. */
  private Uni<Applied> createByApply(
      ResourceType type,
      String namespace,
      String name,
      ObjectNode applied,
      String manager,
      boolean force) {
    FieldManager fields = FieldTracking.manager(type, Subresource.MAIN, clock);
    return Uni.createFrom()
        .item(
            () ->
                ApplyRequests.forCreate(
                    type,
                    name,
                    ApplyRequests.merge(
                        type, applied, () -> fields.apply(null, applied, manager, force))))
        .flatMap(
            created ->
                create(type, namespace, created, FieldTracking.applied(created))
                    .map(object -> new Applied(object, true)))
        // Created by someone else meanwhile: apply to theirs.
        .onFailure(StorageException.AlreadyExists.class)
        .recoverWithUni(
            () -> apply(type, namespace, name, Subresource.MAIN, applied, manager, force));
  }

  private static void checkResourceVersion(
      ResourceType type, String name, ObjectNode object, StoredObject current) {
    String rv = object.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(String.valueOf(current.resourceVersion()))) {
      throw Status.conflict(
              type.group(),
              type.resource(),
              name,
              "the object has been modified; please apply your changes to the latest"
                  + " version and try again")
          .asException();
    }
  }

  /**
   * Replaces an object (PUT). A {@code metadata.resourceVersion} in the body must equal the stored
   * one; without it the update is unconditional where the strategy allows that.
   */
  public Uni<StoredObject> update(
      ResourceType type, String namespace, String name, ObjectNode body) {
    return update(type, namespace, name, Subresource.MAIN, body);
  }

  /** Replaces the {@code subresource} view of an object (PUT on the object, /status or /scale). */
  public Uni<StoredObject> update(
      ResourceType type, String namespace, String name, Subresource subresource, ObjectNode body) {
    return update(type, namespace, name, subresource, body, ManagerNames.UNKNOWN);
  }

  /** Replaces the {@code subresource} view of an object, the change made by {@code manager}. */
  public Uni<StoredObject> update(
      ResourceType type,
      String namespace,
      String name,
      Subresource subresource,
      ObjectNode body,
      String manager) {
    FieldTracking tracking =
        FieldTracking.update(FieldTracking.manager(type, subresource, clock), manager);
    return Uni.createFrom()
        .item(() -> prepareUpdate(type, namespace, name, subresource, body))
        .flatMap(
            preconditions ->
                write(
                    type, namespace, name, subresource, preconditions, tracking, current -> body));
  }

  /**
   * Writes the object {@code change} computes from the current one, through the update rules. A
   * Service's addresses are reserved first, against the version the write changes.
   */
  private Uni<StoredObject> write(
      ResourceType type,
      String namespace,
      String name,
      Subresource subresource,
      Preconditions preconditions,
      FieldTracking tracking,
      Function<StoredObject, ObjectNode> change) {
    ObjectKey key = key(type, namespace, name);
    if (!allocatesAddresses(type, subresource)) {
      return deletion.update(
          type,
          key,
          preconditions,
          current -> applyUpdate(type, subresource, change.apply(current), current, tracking));
    }
    Uni<StoredObject> write =
        storage
            .get(key)
            .flatMap(
                current -> {
                  preconditions.check(current);
                  ObjectNode body = change.apply(current);
                  return allocator
                      .allocate(body, JsonTrees.read(current.json()))
                      .flatMap(
                          allocated ->
                              deletion.update(
                                  type,
                                  key,
                                  Preconditions.resourceVersion(current.resourceVersion()),
                                  c -> applyUpdate(type, subresource, body, c, tracking)));
                });
    // Without a version asked for, a write that lost a race is computed again.
    return preconditions.resourceVersion() != null
        ? write
        : write.onFailure(StorageException.Conflict.class).retry().atMost(8);
  }

  private static boolean allocatesAddresses(ResourceType type, Subresource subresource) {
    return subresource == Subresource.MAIN
        && type.group().isEmpty()
        && type.resource().equals("services");
  }

  /**
   * Posts to a subresource that acts: a pod's {@code /binding} or {@code /eviction}. Completes when
   * the action is done; fails with a Status otherwise.
   */
  public Uni<Void> post(
      ResourceType type, String namespace, String name, Subresource subresource, ObjectNode body) {
    return Uni.createFrom()
        .deferred(
            () ->
                switch (subresource) {
                  case BINDING -> pods.bind(type, namespace, name, body);
                  case EVICTION ->
                      pods.evict(
                          type,
                          namespace,
                          name,
                          body,
                          DeleteRequest.parse(body.path("deleteOptions")));
                  default ->
                      throw Status.methodNotSupported(
                              type.group(),
                              type.resource() + "/" + subresource.pathName(),
                              "create")
                          .asException();
                });
  }

  /** The JSON of the {@code subresource} view of a stored object, as clients get it. */
  public static String render(ResourceType type, Subresource subresource, StoredObject object) {
    return subresource == Subresource.SCALE
        ? JsonTrees.write(subresource.view(type, JsonTrees.read(object.json())))
        : object.json();
  }

  /**
   * Deletes an object, or marks it for deletion when finalizers or a grace period hold it (see
   * {@link Deletion}). Deleting a namespace starts emptying it.
   */
  public Uni<Deleted> delete(
      ResourceType type, String namespace, String name, DeleteRequest request) {
    if (Namespaces.isNamespaces(type) && Namespaces.PROTECTED.contains(name)) {
      return Uni.createFrom()
          .failure(
              Status.forbidden("", "namespaces", name, "this namespace may not be deleted")
                  .asException());
    }
    Uni<Deleted> deleted = deletion.delete(type, key(type, namespace, name), request);
    if (allocatesAddresses(type, Subresource.MAIN)) {
      deleted =
          deleted.call(
              d ->
                  d.gone()
                      ? allocator.release(JsonTrees.read(d.object().json()))
                      : Uni.createFrom().voidItem());
    }
    if (!Namespaces.isNamespaces(type) || storage instanceof DryRunStorage) {
      return deleted;
    }
    return deleted.invoke(result -> cleaner.start(name));
  }

  private ObjectNode prepareCreate(ResourceType type, String namespace, ObjectNode body) {
    ObjectNode object = body.deepCopy();
    Identity.apply(type, namespace, object);
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    if (!metadata.path("resourceVersion").asText("").isEmpty()) {
      throw Status.badRequest("resourceVersion should not be set on objects to be created")
          .asException();
    }
    metadata.remove(List.of("resourceVersion", "deletionTimestamp", "selfLink"));
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    type.strategy().prepareForCreate(object);
    if (type.tracksGeneration()) {
      metadata.put("generation", 1);
    } else {
      metadata.remove("generation");
    }
    return object;
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
        addresses.flatMap(
            allocated -> {
              validate(type, object, null);
              type.strategy().canonicalize(object);
              tracking.track(null, object);
              return storage.create(
                  key(type, metadata.path("namespace").asText(""), metadata.path("name").asText()),
                  JsonTrees.write(object));
            });
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
    return storage
        .get(ObjectKey.cluster("namespaces", namespace))
        .onFailure(StorageException.NotFound.class)
        .transform(e -> Status.notFound("", "namespaces", namespace).asException())
        .invoke(ns -> Namespaces.requireActive(type, ns, name))
        .replaceWithVoid();
  }

  private Preconditions prepareUpdate(
      ResourceType type, String namespace, String name, Subresource subresource, ObjectNode body) {
    ObjectNode probe = body.deepCopy();
    if (subresource != Subresource.SCALE) {
      Identity.apply(type, namespace, probe);
    }
    String bodyName = probe.path("metadata").path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw Status.badRequest(
              "the name of the object ("
                  + bodyName
                  + ") does not match the name on the URL ("
                  + name
                  + ")")
          .asException();
    }
    String rv = probe.path("metadata").path("resourceVersion").asText("");
    if (rv.isEmpty()) {
      if (!type.strategy().allowUnconditionalUpdate()) {
        throw Status.invalid(
                type.group(),
                type.kind(),
                name,
                List.of(
                    FieldError.invalid(
                        "metadata.resourceVersion", "", "must be specified for an update")))
            .asException();
      }
      return Preconditions.NONE;
    }
    try {
      return Preconditions.resourceVersion(Long.parseLong(rv));
    } catch (NumberFormatException e) {
      throw Status.badRequest("invalid resource version: " + rv).asException();
    }
  }

  private String applyUpdate(
      ResourceType type,
      Subresource subresource,
      ObjectNode body,
      StoredObject current,
      FieldTracking tracking) {
    ObjectNode old = JsonTrees.read(current.json());
    ObjectNode object = subresource.merge(type, body, old);
    Identity.apply(type, current.key().namespace(), object);
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    JsonNode oldMetadata = old.path("metadata");
    for (String immutable :
        List.of(
            "name",
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds")) {
      JsonNode value = oldMetadata.get(immutable);
      if (value == null) {
        metadata.remove(immutable);
      } else {
        metadata.set(immutable, value);
      }
    }
    metadata.remove("selfLink");
    metadata.put("resourceVersion", String.valueOf(current.resourceVersion()));
    if (subresource != Subresource.FINALIZE) {
      // /finalize changes spec.finalizers alone, which the kind's update rules would reset.
      type.strategy().prepareForUpdate(object, old);
    }
    Deletion.checkNoNewFinalizers(type, object, old);
    validate(type, object, old);
    type.strategy().canonicalize(object);
    if (type.tracksGeneration()) {
      Generation.bump(object, old);
    } else {
      metadata.remove("generation");
    }
    tracking.track(old, object);
    return object.equals(old) ? current.json() : JsonTrees.write(object);
  }

  private static void validate(ResourceType type, ObjectNode object, ObjectNode old) {
    List<FieldError> errors =
        new ArrayList<>(MetaValidation.validate(object, type.nameRule(), type.namespaced()));
    errors.addAll(
        old == null
            ? type.strategy().validate(object)
            : type.strategy().validateUpdate(object, old));
    if (!errors.isEmpty()) {
      String name = object.path("metadata").path("name").asText("");
      throw Status.invalid(type.group(), type.kind(), name, errors).asException();
    }
  }

  private static void checkResource(ResourceType type, String resource) {
    if (!type.storageResource().equals(resource)) {
      throw new IllegalArgumentException(
          "options name " + resource + ", not " + type.storageResource());
    }
  }
}
