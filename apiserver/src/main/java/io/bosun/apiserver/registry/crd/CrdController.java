package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Subresource;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.bosun.apiserver.storage.WatchOptions;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Serves the resources of CustomResourceDefinitions, driven by the storage watch of definitions so
 * that every apiserver on the database serves the same ones: at start it loads every definition and
 * serves the established ones before the server is ready; then each change updates the registry at
 * once, and a level-based work queue (one definition at a time, retried after {@link #RETRY})
 * accepts names and sets the NamesAccepted and Established conditions, and, for a definition being
 * deleted, deletes its custom resources, removes the cleanup finalizer and deletes it.
 */
public final class CrdController implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CrdController.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** How long a failed reconcile or a broken watch waits before trying again: 1 second. */
  static final Duration RETRY = Duration.ofSeconds(1);

  private final GenericStore store;
  private final KindRegistry registry;
  private final ResourceType crdType;
  private final Clock clock;
  private final Map<String, Crd> crds = new ConcurrentHashMap<>();

  /** What each definition serves now, by a fingerprint of the fields that shape the types. */
  private final Map<String, String> served = new ConcurrentHashMap<>();

  private final Set<String> queue = new LinkedHashSet<>();
  private boolean working;
  private volatile boolean closed;
  private volatile Cancellable watch;

  private CrdController(GenericStore store, KindRegistry registry, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.clock = clock;
    this.crdType =
        registry
            .find(CustomResourceDefinitions.GROUP, "v1", CustomResourceDefinitions.RESOURCE)
            .orElseThrow(() -> new IllegalStateException("CRDs are not registered"));
  }

  /**
   * Loads every definition, serves the established ones, and starts following changes; the returned
   * {@code Uni} completes once the loaded definitions are served.
   */
  public static Uni<CrdController> start(GenericStore store, KindRegistry registry, Clock clock) {
    Objects.requireNonNull(store, "store");
    CrdController controller = new CrdController(store, registry, clock);
    return controller.load().replaceWith(controller);
  }

  private Uni<Void> load() {
    return store
        .list(crdType, ListOptions.of(crdType.storageResource(), Selection.ALL))
        .invoke(this::replaceAll)
        .invoke(page -> watchFrom(page.resourceVersion()))
        .invoke(page -> crds.keySet().forEach(this::enqueue))
        .replaceWithVoid();
  }

  private void replaceAll(ListResult page) {
    Set<String> present = new HashSet<>();
    for (StoredObject item : page.items()) {
      present.add(item.key().name());
      observe(read(item.json()));
    }
    for (String name : Set.copyOf(crds.keySet())) {
      if (!present.contains(name)) {
        forget(name);
      }
    }
  }

  private void watchFrom(long resourceVersion) {
    if (closed) {
      return;
    }
    long[] last = {resourceVersion};
    watch =
        store
            .watch(
                crdType,
                WatchOptions.from(crdType.storageResource(), Selection.ALL, resourceVersion))
            .subscribe()
            .with(
                event -> {
                  last[0] = event.resourceVersion();
                  onEvent(event);
                },
                failure -> restart(failure, last[0]),
                () -> restart(null, last[0]));
  }

  /** Resumes after a closed watch; relists when the version is gone from the change log. */
  private void restart(Throwable failure, long lastSeen) {
    if (closed) {
      return;
    }
    boolean relist = failure instanceof StorageException.Expired;
    if (failure != null && !relist) {
      LOG.warnf("the watch of CustomResourceDefinitions failed, resuming: %s", failure.toString());
    }
    later()
        .subscribe()
        .with(
            ignored -> {
              if (relist) {
                load().subscribe().with(x -> {}, e -> restart(e, lastSeen));
              } else {
                watchFrom(lastSeen);
              }
            });
  }

  private void onEvent(WatchEvent event) {
    if (event.type() == WatchEvent.Type.BOOKMARK) {
      return;
    }
    ObjectNode object = read(event.object().json());
    Crd crd = Crd.of(object);
    if (event.type() == WatchEvent.Type.DELETED) {
      forget(crd.name());
    } else {
      observe(object);
    }
    // Names freed or taken in a group can change the acceptance of its other definitions.
    crds.values().stream()
        .filter(other -> other.group().equals(crd.group()))
        .forEach(other -> enqueue(other.name()));
  }

  /** Caches a definition and serves exactly what it establishes. */
  private void observe(ObjectNode object) {
    Crd crd = Crd.of(object);
    crds.put(crd.name(), crd);
    serve(object);
  }

  /** Serves what a definition establishes, and stops serving one that is not established. */
  private void serve(ObjectNode object) {
    Crd crd = Crd.of(object);
    if (!crd.established()) {
      served.remove(crd.name());
      registry.remove(crd.name());
      return;
    }
    String fingerprint =
        object.path("spec").toString()
            + object.path("status").path("acceptedNames")
            + crd.terminating();
    if (fingerprint.equals(served.get(crd.name()))) {
      return;
    }
    try {
      registry.serve(crd.name(), CustomResourceTypes.served(crd));
      served.put(crd.name(), fingerprint);
    } catch (RuntimeException e) {
      LOG.warnf(e, "cannot serve the resources of %s", crd.name());
      served.remove(crd.name());
      registry.remove(crd.name());
    }
  }

  private void forget(String name) {
    crds.remove(name);
    served.remove(name);
    registry.remove(name);
  }

  private void enqueue(String name) {
    synchronized (queue) {
      queue.add(name);
    }
    drain();
  }

  private void drain() {
    String next;
    synchronized (queue) {
      if (working || closed || queue.isEmpty()) {
        return;
      }
      Iterator<String> it = queue.iterator();
      next = it.next();
      it.remove();
      working = true;
    }
    Uni.createFrom()
        .deferred(() -> reconcile(next))
        .onFailure()
        .invoke(
            e -> {
              LOG.debugf("reconciling %s failed, retrying: %s", next, e.toString());
              later().subscribe().with(x -> enqueue(next));
            })
        .onFailure()
        .recoverWithNull()
        .subscribe()
        .with(
            ignored -> {
              synchronized (queue) {
                working = false;
              }
              drain();
            });
  }

  private Uni<Void> reconcile(String name) {
    Crd crd = crds.get(name);
    if (crd == null) {
      return Uni.createFrom().voidItem();
    }
    if (crd.terminating()) {
      return new CrdCleanup(store, crdType, clock).run(crd);
    }
    ObjectNode wanted = crd.object().deepCopy();
    CrdNaming.apply(wanted, crds.values(), clock);
    if (wanted.path("status").equals(crd.object().path("status"))) {
      return Uni.createFrom().voidItem();
    }
    return store
        .patch(
            crdType,
            "",
            name,
            Subresource.STATUS,
            current -> {
              CrdNaming.apply(current, crds.values(), clock);
              // Serve before the commit: whoever reads Established must find the resources served.
              serve(current);
              return current;
            })
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  private static Uni<Void> later() {
    return Uni.createFrom().voidItem().onItem().delayIt().by(RETRY);
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops following changes; what is served stays served. */
  @Override
  public void close() {
    closed = true;
    Cancellable current = watch;
    if (current != null) {
      current.cancel();
    }
  }
}
