package io.bosun.controller.informer;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.internal.DefaultInformer;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cache of one kind's objects (in a namespace, matching a selector) kept current by a list and
 * then a watch from the list's resourceVersion. It resumes the watch from the last version seen
 * after a lost connection, lists again when the server no longer has that version (410 Gone), and
 * tells its handlers every difference. Reads return fresh copies decoded from a compact cache, so
 * callers may change what they get.
 *
 * <p>Obtain shared informers from {@link SharedInformers}; {@link #create} makes an unshared one.
 *
 * @param <T> the Java type of the kind's objects
 */
public interface Informer<T> extends AutoCloseable {
  /** The built-in index of objects by namespace ({@code ""} for cluster-scoped objects). */
  String NAMESPACE_INDEX = "namespace";

  /** An unshared informer, not yet started. */
  static <T> Informer<T> create(
      KubeClient client, ResourceDescriptor<T> descriptor, InformerOptions options) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(options, "options");
    return new DefaultInformer<>(client, descriptor, options, false);
  }

  /** The kind this informer caches. */
  ResourceDescriptor<T> descriptor();

  /** What this informer watches. */
  InformerOptions options();

  /** Starts listing and watching; idempotent. Returns this informer. */
  Informer<T> start();

  /**
   * Adds a handler. If the informer has synced, the handler first gets every cached object as an
   * add with {@link Origin#INITIAL_LIST}; then it gets every change.
   */
  Registration addHandler(EventHandler<T> handler);

  /**
   * Adds a handler that also gets every cached object again every {@code resyncPeriod}, as an
   * update with {@link Origin#RESYNC}.
   */
  Registration addHandler(EventHandler<T> handler, Duration resyncPeriod);

  /**
   * Adds an index: {@link #byIndex} then finds objects by the values {@code function} computes.
   *
   * @throws IllegalArgumentException if an index of that name exists
   */
  void addIndexer(String name, IndexFunction<T> function);

  /**
   * Adds an index unless one of that name exists: for controllers that share an informer and an
   * index, whichever starts first adds it.
   *
   * @return whether this call added it
   */
  boolean addIndexerIfAbsent(String name, IndexFunction<T> function);

  /** The cached object, if any; a copy the caller owns. */
  Optional<T> get(String namespace, String name);

  /** Every cached object; copies the caller owns. */
  List<T> list();

  /**
   * The cached objects an index puts under {@code value}, such as {@code byIndex(NAMESPACE_INDEX,
   * "web")}.
   *
   * @throws IllegalArgumentException if there is no index of that name
   */
  List<T> byIndex(String indexName, String value);

  /** The keys ({@code namespace/name}, or {@code name} for cluster-scoped objects) in the cache. */
  List<String> keys();

  /** Whether the first list has been stored. */
  boolean hasSynced();

  /** Completes once the first list has been stored; fails if the informer is closed first. */
  @CheckReturnValue
  Uni<Void> whenSynced();

  /** The resourceVersion the cache is current at, empty before the first list. */
  String lastSyncResourceVersion();

  /**
   * Puts the server's answer to our own write into the cache at once, so that the next read sees it
   * (read your own writes). It replaces the cached version only if both resourceVersions are
   * integers (as Bosun's are) and the written one is newer; otherwise, or if the object is outside
   * this informer's namespace or selector, the watch brings it. Handlers are not called now: the
   * watch event of the write still arrives and is delivered as the change from the state the
   * handlers last saw, so handlers that compare old and new states still see what was written.
   *
   * @return whether the cache took the object
   */
  boolean recordWrite(T written);

  /** Stops the watch and timers; the cache stays readable. Idempotent. */
  @Override
  void close();
}
