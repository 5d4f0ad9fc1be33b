package io.bosun.controller.informer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.WatchEvent;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.IndexFunction;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.Registration;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The informer: a {@link Reflector} feeding an {@link ObjectStore}, and {@link Handlers} told of
 * each difference. The store changes under its lock, on the informer's context, except in {@link
 * #recordWrite}, which may come from any thread.
 */
public final class DefaultInformer<T> implements Informer<T>, Reflector.Sink, Handlers.Cache<T> {
  private final ResourceDescriptor<T> descriptor;
  private final InformerOptions options;
  private final boolean shared;
  private final ObjectStore store = new ObjectStore();
  private final Entries<T> entries;
  private final Handlers<T> handlers;
  private final Selection selection;
  private final Reflector reflector;
  private final CompletableFuture<Void> synced = new CompletableFuture<>();

  /**
   * For each key whose cached entry is our own write that the handlers have not been told of: the
   * state they were last told of (null entry: none). The write's watch event (or a list that shows
   * it) is then delivered as the change from that state, not as "no change" from the write itself,
   * so that other controllers sharing the cache still see what changed. Under the store's lock.
   */
  private final Map<String, Told> untold = new HashMap<>();

  private record Told(ObjectStore.Entry entry) {}

  /** The version up to which the store reflects the server: the watch's position. */
  private volatile String position = "";

  private volatile boolean closed;

  public DefaultInformer(
      KubeClient client,
      ResourceDescriptor<T> descriptor,
      InformerOptions options,
      boolean shared) {
    if (!descriptor.namespaced() && options.namespace() != null) {
      throw new IllegalArgumentException(
          descriptor.kind() + " is cluster-scoped: an informer of it has no namespace");
    }
    this.descriptor = descriptor;
    this.options = options;
    this.shared = shared;
    this.selection = new Selection(options);
    this.entries = new Entries<>(descriptor);
    var vertx = client.vertx().getDelegate();
    // From a plain thread this is a fresh event-loop context: it orders all the informer does.
    Context context = vertx.getOrCreateContext();
    this.handlers = new Handlers<>(descriptor.plural(), vertx, context, this);
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

  @Override
  public void replace(List<ObjectNode> items, String resourceVersion) {
    Origin origin = synced.isDone() ? Origin.RELIST : Origin.INITIAL_LIST;
    Set<String> listed = new HashSet<>();
    for (ObjectNode item : items) {
      Entries<T>.Decoded decoded = entries.decoded(options.transform().apply(item));
      String key = keyOf(decoded.tree);
      String rv = rvOf(decoded.tree);
      listed.add(key);
      ObjectStore.Entry previous;
      synchronized (store) {
        ObjectStore.Entry old = store.get(key);
        if (old != null && ResourceVersions.isNewer(old.resourceVersion(), rv)) {
          continue; // our own newer write, which this list predates: its event follows
        }
        Told told = untold.remove(key);
        if (old != null && old.resourceVersion().equals(rv)) {
          if (told == null) {
            continue; // unchanged
          }
        } else {
          store.put(key, entries.entry(decoded, rv));
        }
        previous = told != null ? told.entry() : old;
      }
      if (previous == null) {
        handlers.added(decoded.object(), origin);
      } else {
        handlers.updated(entries.read(previous), decoded.object(), origin);
      }
    }
    for (String key : List.copyOf(store.keys())) {
      ObjectStore.Entry old;
      synchronized (store) {
        old = listed.contains(key) ? null : store.get(key);
        if (old == null || ResourceVersions.isNewer(old.resourceVersion(), resourceVersion)) {
          continue; // listed, or written by us after the list was read
        }
        store.remove(key);
        untold.remove(key);
      }
      handlers.deleted(entries.read(old), origin);
    }
    position = resourceVersion;
    synced.complete(null);
  }

  @Override
  public void apply(WatchEvent<ObjectNode> event) {
    Entries<T>.Decoded decoded = entries.decoded(options.transform().apply(event.object()));
    String key = keyOf(decoded.tree);
    String rv = event.resourceVersion();
    boolean deleted = event.type() == WatchEvent.Type.DELETED;
    ObjectStore.Entry previous;
    synchronized (store) {
      ObjectStore.Entry old = store.get(key);
      position = rv;
      boolean stale = old != null && ResourceVersions.isOlder(rv, old.resourceVersion());
      if (stale && !deleted) {
        return; // our own newer write is cached; its event follows
      }
      Told told = untold.remove(key);
      previous = told != null ? told.entry() : old;
      if (deleted) {
        if (!stale) {
          store.remove(key);
        }
      } else {
        store.put(key, entries.entry(decoded, rv));
      }
    }
    if (deleted) {
      handlers.deleted(decoded.object(), Origin.WATCH);
    } else if (previous == null) {
      handlers.added(decoded.object(), Origin.WATCH);
    } else {
      handlers.updated(entries.read(previous), decoded.object(), Origin.WATCH);
    }
  }

  @Override
  public void bookmark(String resourceVersion) {
    position = resourceVersion;
  }

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
    return handlers.register(handler, resyncPeriod);
  }

  @Override
  public void addIndexer(String name, IndexFunction<T> function) {
    if (!addIndexerIfAbsent(name, function)) {
      throw new IllegalArgumentException("an index named " + name + " exists");
    }
  }

  @Override
  public boolean addIndexerIfAbsent(String name, IndexFunction<T> function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    synchronized (store) {
      if (store.hasIndex(name) || entries.hasIndexer(name)) {
        return false;
      }
      entries.addIndexer(name, function);
      store.declareIndex(name);
      for (String key : List.copyOf(store.keys())) {
        store.put(key, entries.reindexed(store.get(key)));
      }
      return true;
    }
  }

  @Override
  public Optional<T> get(String namespace, String name) {
    Objects.requireNonNull(name, "name");
    ObjectStore.Entry entry = store.get(ObjectStore.key(namespace, name));
    return entry == null ? Optional.empty() : Optional.of(entries.read(entry));
  }

  @Override
  public List<T> list() {
    return read(store.keys());
  }

  @Override
  public List<T> byIndex(String indexName, String value) {
    Objects.requireNonNull(indexName, "indexName");
    Objects.requireNonNull(value, "value");
    if (!store.hasIndex(indexName)) {
      throw new IllegalArgumentException("no index named " + indexName);
    }
    return read(store.keysByIndex(indexName, value));
  }

  private List<T> read(Collection<String> keys) {
    List<T> objects = new ArrayList<>(keys.size());
    for (String key : keys) {
      ObjectStore.Entry entry = store.get(key);
      if (entry != null) {
        objects.add(entries.read(entry));
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
  public boolean synced() {
    return hasSynced() && !closed;
  }

  @Override
  public List<T> snapshot() {
    return list();
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
    Objects.requireNonNull(written, "written");
    Entries<T>.Decoded decoded =
        entries.decoded(options.transform().apply(descriptor.toTree(written)));
    if (!selection.matches(decoded.tree)) {
      return false;
    }
    String key = keyOf(decoded.tree);
    String rv = rvOf(decoded.tree);
    synchronized (store) {
      // Only a version the watch has not reached yet, newer than the cached one: otherwise the
      // watch has delivered it (or something later) already.
      ObjectStore.Entry old = store.get(key);
      if (!ResourceVersions.isNewer(rv, position)
          || old != null && !ResourceVersions.isNewer(rv, old.resourceVersion())) {
        return false;
      }
      untold.putIfAbsent(key, new Told(old));
      store.put(key, entries.entry(decoded, rv));
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
    handlers.clear();
  }

  private static String keyOf(ObjectNode tree) {
    JsonNode metadata = tree.path("metadata");
    return ObjectStore.key(metadata.path("namespace").asText(""), metadata.path("name").asText(""));
  }

  private static String rvOf(ObjectNode tree) {
    return tree.path("metadata").path("resourceVersion").asText("");
  }
}
