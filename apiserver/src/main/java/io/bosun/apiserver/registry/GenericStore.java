package io.bosun.apiserver.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.internal.MetaValidation;
import io.bosun.apiserver.storage.DryRunStorage;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.bosun.apiserver.storage.WatchOptions;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The generic store: the metadata rules every kind shares (identity from the URL, names and
 * generateName, uid, creationTimestamp, resourceVersion preconditions, immutable fields) around the
 * kind's {@link Strategy} and the {@link Storage} calls. Failures travel as failed {@code Uni}s
 * carrying a {@link io.bosun.core.api.StatusException} or a {@link StorageException}.
 */
public final class GenericStore {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int GENERATE_NAME_ATTEMPTS = 8;

  private final Storage storage;
  private final KindRegistry registry;
  private final Clock clock;
  private final NameGenerator names;

  /** Creates a store over {@code storage} for the kinds of {@code registry}. */
  public GenericStore(Storage storage, KindRegistry registry, Clock clock, NameGenerator names) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.names = Objects.requireNonNull(names, "names");
  }

  /** The same store for {@code dryRun=All}: every check and default runs, nothing is committed. */
  public GenericStore dryRun() {
    return new GenericStore(new DryRunStorage(storage), registry, clock, names);
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
    return Uni.createFrom()
        .item(() -> prepareCreate(type, namespace, body))
        .flatMap(
            object ->
                requireNamespace(type, namespace)
                    .flatMap(ignored -> createWithName(type, object, GENERATE_NAME_ATTEMPTS)));
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
    return storage.guaranteedUpdate(
        key(type, namespace, name),
        Preconditions.NONE,
        current -> {
          ObjectNode patched = patch.apply(subresource.view(type, read(current.json())));
          if (!(patched.get("metadata") instanceof ObjectNode)) {
            patched.putObject("metadata");
          }
          String rv = patched.path("metadata").path("resourceVersion").asText("");
          if (!rv.isEmpty() && !rv.equals(String.valueOf(current.resourceVersion()))) {
            throw Status.conflict(
                    type.group(),
                    type.resource(),
                    name,
                    "the object has been modified; please apply your changes to the latest"
                        + " version and try again")
                .asException();
          }
          return applyUpdate(type, subresource, patched, current);
        });
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
    return Uni.createFrom()
        .item(() -> prepareUpdate(type, namespace, name, subresource, body))
        .flatMap(
            preconditions ->
                storage.guaranteedUpdate(
                    key(type, namespace, name),
                    preconditions,
                    current -> applyUpdate(type, subresource, body, current)));
  }

  /** The JSON of the {@code subresource} view of a stored object, as clients get it. */
  public static String render(ResourceType type, Subresource subresource, StoredObject object) {
    return subresource == Subresource.SCALE
        ? write(subresource.view(type, read(object.json())))
        : object.json();
  }

  /**
   * Deletes an object whose current state passes {@code preconditions} and returns its last state.
   */
  public Uni<StoredObject> delete(
      ResourceType type, String namespace, String name, Preconditions preconditions) {
    ObjectKey key = key(type, namespace, name);
    if (type.strategy().deletionFinalizer() != null) {
      return DeferredDeletion.delete(storage, type, key, preconditions, clock);
    }
    if (type.group().isEmpty() && type.resource().equals("namespaces")) {
      return storage
          .get(key)
          .invoke(preconditions::check)
          .flatMap(ignored -> deleteContents(name))
          .flatMap(ignored -> storage.delete(key, preconditions));
    }
    return storage.delete(key, preconditions);
  }

  /**
   * Deletes every namespaced object in a namespace. The Namespace lifecycle controller (issue 6)
   * replaces this: it will mark the namespace Terminating, delete its contents in the background
   * and remove the {@code kubernetes} finalizer, and deleting a namespace will only start that.
   */
  private Uni<Void> deleteContents(String namespace) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ResourceType type : registry.all()) {
      if (!type.namespaced()) {
        continue;
      }
      chain =
          chain.flatMap(
              ignored ->
                  storage
                      .list(ListOptions.of(type.storageResource(), Selection.namespace(namespace)))
                      .flatMap(
                          page ->
                              Multi.createFrom()
                                  .iterable(page.items())
                                  .onItem()
                                  .transformToUniAndConcatenate(
                                      item ->
                                          storage
                                              .delete(item.key(), Preconditions.NONE)
                                              .onFailure(StorageException.NotFound.class)
                                              .recoverWithNull())
                                  .collect()
                                  .last()
                                  .replaceWithVoid()));
    }
    return chain;
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

  private Uni<StoredObject> createWithName(ResourceType type, ObjectNode prepared, int attempts) {
    ObjectNode object = prepared.deepCopy();
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    String generateName = metadata.path("generateName").asText("");
    boolean generated = metadata.path("name").asText("").isEmpty() && !generateName.isEmpty();
    if (generated) {
      metadata.put("name", names.generate(generateName));
    }
    validate(type, object, null);
    type.strategy().canonicalize(object);
    String name = metadata.path("name").asText();
    Uni<StoredObject> created =
        storage.create(key(type, metadata.path("namespace").asText(""), name), write(object));
    if (!generated || attempts <= 1) {
      return created;
    }
    return created
        .onFailure(StorageException.AlreadyExists.class)
        .recoverWithUni(() -> createWithName(type, prepared, attempts - 1));
  }

  private Uni<Void> requireNamespace(ResourceType type, String namespace) {
    if (!type.namespaced()) {
      return Uni.createFrom().voidItem();
    }
    return storage
        .get(ObjectKey.cluster("namespaces", namespace))
        .onFailure(StorageException.NotFound.class)
        .transform(e -> Status.notFound("", "namespaces", namespace).asException())
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
      ResourceType type, Subresource subresource, ObjectNode body, StoredObject current) {
    ObjectNode old = read(current.json());
    ObjectNode object = subresource.merge(type, body, old);
    Identity.apply(type, current.key().namespace(), object);
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    JsonNode oldMetadata = old.path("metadata");
    for (String immutable : List.of("name", "uid", "creationTimestamp", "deletionTimestamp")) {
      JsonNode value = oldMetadata.get(immutable);
      if (value == null) {
        metadata.remove(immutable);
      } else {
        metadata.set(immutable, value);
      }
    }
    metadata.remove("selfLink");
    metadata.put("resourceVersion", String.valueOf(current.resourceVersion()));
    type.strategy().prepareForUpdate(object, old);
    validate(type, object, old);
    type.strategy().canonicalize(object);
    if (type.tracksGeneration()) {
      Generation.bump(object, old);
    } else {
      metadata.remove("generation");
    }
    return object.equals(old) ? current.json() : write(object);
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

  static ObjectNode read(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(ObjectNode object) {
    try {
      return MAPPER.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
