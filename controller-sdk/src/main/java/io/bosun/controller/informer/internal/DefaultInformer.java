package io.bosun.controller.informer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.WatchEvent;
import io.bosun.controller.client.internal.Json;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.IndexFunction;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.Registration;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The informer: a {@link Reflector} feeding an {@link ObjectStore}, and {@link Handlers} told of
 * each difference. Changes to the store happen under its lock, on the informer's context, except
 * {@link #recordWrite}, which may come from any thread.
 */
public final class DefaultInformer<T> implements Informer<T>, Reflector.Sink {
  private final ResourceDescriptor<T> descriptor;
  private final InformerOptions options;
  private final boolean shared;
  private final Vertx vertx;
  private final Context context;
  private final ObjectStore store = new ObjectStore();
  private final Map<String, IndexFunction<T>> indexers = new ConcurrentHashMap<>();
  private final Handlers<T> handlers;
  private final Selection selection;
  private final Reflector reflector;
  private final CompletableFuture<Void> synced = new CompletableFuture<>();

  /** The version up to which the store reflects the server: the watch's position. */
  private volatile String position = "";

  private volatile boolean closed;

  public DefaultInformer(
      KubeClient client,
      ResourceDescriptor<T> descriptor,
      InformerOptions options,
      boolean shared) {
    this.descriptor = descriptor;
    this.options = options;
    this.shared = shared;
    this.selection = new Selection(options);
    this.vertx = client.vertx().getDelegate();
    // A context of its own (from a plain thread, a fresh event-loop context) orders everything.
    this.context = vertx.getOrCreateContext();
    this.handlers = new Handlers<>(descriptor.plural());
    this.reflector =
        new Reflector(client.resources(descriptor.asUntyped()), options, vertx, context, this);
  }

  @Override
  public ResourceDescriptor<T> descriptor() {
    return descriptor;
  }

  @Override
  public InformerOptions options() {
    return options;
  }

  @Override
  public Informer<T> start() {
    if (closed) {
      throw new IllegalStateException("the informer is closed");
    }
    reflector.start();
    return this;
  }

  // ---- what the reflector delivers, on the context ----

  @Override
  public void replace(List<ObjectNode> items, String resourceVersion) {
    Origin origin = synced.isDone() ? Origin.RELIST : Origin.INITIAL_LIST;
    Set<String> listed = new HashSet<>();
    for (ObjectNode item : items) {
      ObjectNode tree = options.transform().apply(item);
      String key = keyOf(tree);
      listed.add(key);
      String rv = rvOf(tree);
      ObjectStore.Entry old;
      Decoded decoded = new Decoded(tree);
      synchronized (store) {
        old = store.get(key);
        // Unchanged, or a newer version of our own write that this list predates: keep it.
        if (old != null
            && (old.resourceVersion().equals(rv)
                || ResourceVersions.isNewer(old.resourceVersion(), rv))) {
          continue;
        }
        store.put(key, entry(decoded, rv));
      }
      if (old == null) {
        handlers.added(decoded.object(), origin);
      } else {
        handlers.updated(read(old), decoded.object(), origin);
      }
    }
    for (String key : List.copyOf(store.keys())) {
      if (listed.contains(key)) {
        continue;
      }
      ObjectStore.Entry old;
      synchronized (store) {
        old = store.get(key);
        if (old == null || ResourceVersions.isNewer(old.resourceVersion(), resourceVersion)) {
          continue; // written by us after the list was read
        }
        store.remove(key);
      }
      handlers.deleted(read(old), origin);
    }
    position = resourceVersion;
    synced.complete(null);
  }

  @Override
  public void apply(WatchEvent<ObjectNode> event) {
    ObjectNode tree = options.transform().apply(event.object());
    String key = keyOf(tree);
    String rv = event.resourceVersion();
    Decoded decoded = new Decoded(tree);
    ObjectStore.Entry old;
    synchronized (store) {
      old = store.get(key);
      position = rv;
      boolean stale = old != null && ResourceVersions.isOlder(rv, old.resourceVersion());
      if (event.type() == WatchEvent.Type.DELETED) {
        if (!stale) {
          store.remove(key);
        }
      } else if (stale) {
        return; // our own newer write is cached; its event follows
      } else {
        store.put(key, entry(decoded, rv));
      }
    }
    if (event.type() == WatchEvent.Type.DELETED) {
      handlers.deleted(decoded.object(), Origin.WATCH);
    } else if (old == null) {
      handlers.added(decoded.object(), Origin.WATCH);
    } else {
      handlers.updated(read(old), decoded.object(), Origin.WATCH);
    }
  }

  @Override
  public void bookmark(String resourceVersion) {
    position = resourceVersion;
  }

  // ---- handlers and indexes ----

  @Override
  public Registration addHandler(EventHandler<T> handler) {
    return addHandler(handler, Duration.ZERO);
  }

  @Override
  public Registration addHandler(EventHandler<T> handler, Duration resyncPeriod) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(resyncPeriod, "resyncPeriod");
    if (resyncPeriod.isNegative()) {
      throw new IllegalArgumentException("resyncPeriod must not be negative: " + resyncPeriod);
    }
    Handlers.Handle<T> handle =
        new Handlers.Handle<>(handler, h -> context.runOnContext(v -> unregister(h)));
    context.runOnContext(
        v -> {
          if (handle.removed) {
            return;
          }
          handlers.add(handle);
          if (synced.isDone()) {
            for (T object : list()) {
              handlers.deliver(handle, h -> h.onAdd(object, Origin.INITIAL_LIST));
            }
          }
          if (!resyncPeriod.isZero()) {
            handle.timerId =
                vertx.setPeriodic(
                    Math.max(1, resyncPeriod.toMillis()),
                    t -> context.runOnContext(x -> resync(handle)));
          }
        });
    return handle;
  }

  private void unregister(Handlers.Handle<T> handle) {
    handlers.remove(handle);
    if (handle.timerId >= 0) {
      vertx.cancelTimer(handle.timerId);
    }
  }

  private void resync(Handlers.Handle<T> handle) {
    if (!synced.isDone() || closed) {
      return;
    }
    for (String key : List.copyOf(store.keys())) {
      ObjectStore.Entry entry = store.get(key);
      if (entry != null) {
        T object = read(entry);
        handlers.deliver(handle, h -> h.onUpdate(object, object, Origin.RESYNC));
      }
    }
  }

  @Override
  public void addIndexer(String name, IndexFunction<T> function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    synchronized (store) {
      if (store.hasIndex(name) || indexers.containsKey(name)) {
        throw new IllegalArgumentException("an index named " + name + " exists");
      }
      indexers.put(name, function);
      store.declareIndex(name);
      for (String key : List.copyOf(store.keys())) {
        ObjectStore.Entry old = store.get(key);
        T object = read(old);
        store.put(
            key, new ObjectStore.Entry(old.json(), old.resourceVersion(), indexValues(object)));
      }
    }
  }

  // ---- reads ----

  @Override
  public Optional<T> get(String namespace, String name) {
    Objects.requireNonNull(name, "name");
    ObjectStore.Entry entry = store.get(ObjectStore.key(namespace, name));
    return entry == null ? Optional.empty() : Optional.of(read(entry));
  }

  @Override
  public List<T> list() {
    List<T> objects = new ArrayList<>(store.size());
    for (String key : store.keys()) {
      ObjectStore.Entry entry = store.get(key);
      if (entry != null) {
        objects.add(read(entry));
      }
    }
    return objects;
  }

  @Override
  public List<T> byIndex(String indexName, String value) {
    Objects.requireNonNull(indexName, "indexName");
    Objects.requireNonNull(value, "value");
    if (!store.hasIndex(indexName)) {
      throw new IllegalArgumentException("no index named " + indexName);
    }
    List<T> objects = new ArrayList<>();
    for (String key : store.keysByIndex(indexName, value)) {
      ObjectStore.Entry entry = store.get(key);
      if (entry != null) {
        objects.add(read(entry));
      }
    }
    return objects;
  }

  @Override
  public List<String> keys() {
    return List.copyOf(store.keys());
  }

  @Override
  public boolean hasSynced() {
    return synced.isDone() && !synced.isCompletedExceptionally();
  }

  @Override
  public Uni<Void> whenSynced() {
    return Uni.createFrom().completionStage(synced);
  }

  @Override
  public String lastSyncResourceVersion() {
    return position;
  }

  @Override
  public boolean recordWrite(T written) {
    ObjectNode tree = options.transform().apply(descriptor.toTree(written));
    if (!selection.matches(tree)) {
      return false;
    }
    String key = keyOf(tree);
    String rv = rvOf(tree);
    Decoded decoded = new Decoded(tree);
    synchronized (store) {
      // Only a version the watch has not yet reached, and newer than the cached one; otherwise
      // the watch has delivered it (or something later) already.
      if (!ResourceVersions.isNewer(rv, position)) {
        return false;
      }
      ObjectStore.Entry old = store.get(key);
      if (old != null && !ResourceVersions.isNewer(rv, old.resourceVersion())) {
        return false;
      }
      store.put(key, entry(decoded, rv));
      return true;
    }
  }

  @Override
  public void close() {
    if (shared) {
      throw new IllegalStateException(
          "this informer is shared; close the SharedInformers that made it");
    }
    shutdown();
  }

  /** Stops the informer; for its owner. */
  public void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    reflector.stop();
    synced.completeExceptionally(new IllegalStateException("the informer was closed"));
    context.runOnContext(v -> handlers.all().forEach(this::unregister));
  }

  // ---- helpers ----

  /** The object of a tree, decoded at most once and only when a handler or index needs it. */
  private final class Decoded {
    private final ObjectNode tree;
    private T object;

    Decoded(ObjectNode tree) {
      this.tree = tree;
    }

    T object() {
      if (object == null) {
        object = descriptor.fromTree(tree);
      }
      return object;
    }
  }

  private ObjectStore.Entry entry(Decoded decoded, String rv) {
    byte[] json;
    try {
      json = Json.MAPPER.writeValueAsBytes(decoded.tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return new ObjectStore.Entry(
        json, rv, indexers.isEmpty() ? null : indexValues(decoded.object()));
  }

  private Map<String, List<String>> indexValues(T object) {
    Map<String, List<String>> values = new ConcurrentHashMap<>();
    indexers.forEach(
        (name, function) -> {
          List<String> computed = function.values(object);
          if (computed != null && !computed.isEmpty()) {
            values.put(name, List.copyOf(computed));
          }
        });
    return values.isEmpty() ? null : values;
  }

  private T read(ObjectStore.Entry entry) {
    return descriptor.read(entry.json());
  }

  private static String keyOf(ObjectNode tree) {
    var metadata = tree.path("metadata");
    return ObjectStore.key(metadata.path("namespace").asText(""), metadata.path("name").asText(""));
  }

  private static String rvOf(ObjectNode tree) {
    return tree.path("metadata").path("resourceVersion").asText("");
  }
}
