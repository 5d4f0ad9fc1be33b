package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.apply.ManagerNames;
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
import io.bosun.core.api.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The generic store: the metadata rules every kind shares (identity from the URL, names and
 * generateName, uid, creationTimestamp, resourceVersion preconditions, immutable fields) around the
 * kind's {@link Strategy} and the {@link Storage} calls. Failures travel as failed {@code Uni}s
 * carrying a {@link io.bosun.core.api.StatusException} or a {@link StorageException}.
 */
public final class GenericStore {

  private final Storage storage;
  private final KindRegistry registry;
  private final Clock clock;
  private final NameGenerator names;
  private final Deletion deletion;
  private final NamespaceCleaner cleaner;
  private final PodSubresources pods;
  private final ServiceAllocator allocator;
  private final NamespaceCache namespaces;
  private final Writes writes;
  private final ServerSideApply applying;
  private final Map<String, ServedObjects> servedObjects = new ConcurrentHashMap<>();

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
    this(storage, registry, clock, names, network, new NamespaceCache(storage));
  }

  private GenericStore(
      Storage storage,
      KindRegistry registry,
      Clock clock,
      NameGenerator names,
      ServiceNetwork network,
      NamespaceCache namespaces) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.namespaces = namespaces;
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.names = Objects.requireNonNull(names, "names");
    this.deletion = new Deletion(storage, clock);
    this.cleaner = new NamespaceCleaner(this, registry);
    this.pods = new PodSubresources(this, registry, clock);
    this.allocator = new ServiceAllocator(storage, network, clock);
    this.writes = new Writes(storage, names, allocator, deletion, namespaces);
    this.applying = new ServerSideApply(this, deletion, clock);
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
        new DryRunStorage(storage), registry, clock, names, allocator.network(), namespaces);
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
    return createTracked(
        type,
        namespace,
        body,
        FieldTracking.update(FieldTracking.manager(type, Subresource.MAIN, clock), manager));
  }

  /** Creates an object whose managed fields {@code tracking} records. */
  Uni<StoredObject> createTracked(
      ResourceType type, String namespace, ObjectNode body, FieldTracking tracking) {
    return Uni.createFrom()
        .item(() -> WriteRules.prepareCreate(type, namespace, body, clock))
        .flatMap(object -> writes.create(type, namespace, object, tracking));
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
    // Keyed by name, not by type: a CRD's types are replaced as it changes.
    ServedObjects served =
        servedObjects.computeIfAbsent(
            type.apiVersion() + "/" + type.resource(), k -> new ServedObjects());
    return storage.watch(options).map(event -> served.served(type, event));
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
    return writes.update(
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
          WriteRules.checkResourceVersion(type, name, patched, current);
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
    return applying.apply(type, namespace, name, subresource, config, manager, force);
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
        .item(() -> WriteRules.prepareUpdate(type, namespace, name, subresource, body))
        .flatMap(
            preconditions ->
                writes.update(
                    type, namespace, name, subresource, preconditions, tracking, current -> body));
  }

  /**
   * Posts to a subresource that acts: a pod's {@code /binding} or {@code /eviction}. Completes when
   * the action is done; fails with a Status otherwise.
   */
  public Uni<Void> post(
      ResourceType type, String namespace, String name, Subresource subresource, ObjectNode body) {
    return pods.post(type, namespace, name, subresource, body);
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
    if (Writes.allocatesAddresses(type, Subresource.MAIN)) {
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

  private static void checkResource(ResourceType type, String resource) {
    if (!type.storageResource().equals(resource)) {
      throw new IllegalArgumentException(
          "options name " + resource + ", not " + type.storageResource());
    }
  }
}
