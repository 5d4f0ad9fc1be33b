package io.bosun.apiserver.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The storage contract of the apiserver, in the shape of k8s.io/apiserver's {@code
 * storage.Interface}.
 *
 * <p>Every successful write gets the next value of one cluster-wide resource version counter; the
 * counter increases strictly in commit order, so a watcher that has seen version N has seen every
 * change up to N. Failures travel as failed {@code Uni}s carrying a {@link StorageException}.
 */
public interface Storage extends AutoCloseable {

  /**
   * Stores a new object. The document's {@code metadata.resourceVersion} is set to the version the
   * write gets.
   *
   * @return the stored object; fails with {@link StorageException.AlreadyExists}
   */
  Uni<StoredObject> create(ObjectKey key, String json);

  /**
   * Reads one object at the newest committed version.
   *
   * @return the object; fails with {@link StorageException.NotFound}
   */
  Uni<StoredObject> get(ObjectKey key);

  /**
   * Lists objects of one resource in (namespace, name) order, at the newest committed version or at
   * an exact older one.
   */
  Uni<ListResult> list(ListOptions options);

  /**
   * Reads the current object, applies {@code update} to it and writes the result, retrying with the
   * fresh object when a concurrent write got there first. {@code preconditions} are checked against
   * each object {@code update} sees.
   *
   * @return the stored object; fails with {@link StorageException.NotFound}, {@link
   *     StorageException.Conflict} or whatever {@code update} throws
   */
  Uni<StoredObject> guaranteedUpdate(
      ObjectKey key, Preconditions preconditions, UpdateFunction update);

  /**
   * Deletes an object whose current state passes {@code preconditions}.
   *
   * @return the last state of the object, stamped with the deletion's resource version
   */
  Uni<StoredObject> delete(ObjectKey key, Preconditions preconditions);

  /**
   * Streams the changes to the objects that {@code options} selects, in resource version order,
   * each exactly once. The stream fails with {@link StorageException.Expired} if the starting
   * version has been compacted, and completes when the watcher is closed for being too slow; the
   * client then resumes from the last version it saw.
   */
  Multi<WatchEvent> watch(WatchOptions options);

  /**
   * Registers {@code listener} for the changes to {@code resource}, from the moment it is told
   * {@link ChangeListener#following()} on. Listeners stay registered while the storage is open.
   */
  void follow(String resource, ChangeListener listener);

  /** The newest resource version this storage has applied to its watch feed. */
  long currentResourceVersion();

  /** Releases connections and timers. */
  @Override
  void close();

  /** Computes an object's new JSON document from its current state. */
  @FunctionalInterface
  interface UpdateFunction {
    /**
     * Returns the new document, or the current document unchanged ({@code current.json()}) to write
     * nothing. Throwing fails the update with that exception.
     */
    String apply(StoredObject current);
  }

  /** Runs blocking work off the event loop; for callers that must. */
  static <T> Uni<T> blocking(java.util.function.Supplier<T> work) {
    return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
