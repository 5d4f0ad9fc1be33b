package io.bosun.apiserver.storage;

import io.smallrye.mutiny.Uni;

/**
 * A view of a storage for {@code dryRun=All}: reads go through, writes are checked exactly as they
 * would be (existence, preconditions, the update function) and answered with what would have been
 * stored, but nothing is committed. A dry-run creation has no resource version yet.
 */
public final class DryRunStorage extends ForwardingStorage {
  public DryRunStorage(Storage storage) {
    super(storage);
  }

  @Override
  public Uni<StoredObject> create(ObjectKey key, String json) {
    return storage
        .get(key)
        .onItem()
        .<StoredObject>transform(
            existing -> {
              throw new StorageException.AlreadyExists(key);
            })
        .onFailure(StorageException.NotFound.class)
        .recoverWithItem(() -> new StoredObject(key, 0, json));
  }

  @Override
  public Uni<StoredObject> guaranteedUpdate(
      ObjectKey key, Preconditions preconditions, UpdateFunction update) {
    return storage
        .get(key)
        .map(
            current -> {
              preconditions.check(current);
              String next = update.apply(current);
              return next == null
                  ? current
                  : new StoredObject(key, current.resourceVersion(), next);
            });
  }

  @Override
  public Uni<StoredObject> delete(ObjectKey key, Preconditions preconditions) {
    return storage.get(key).invoke(preconditions::check);
  }

  /** Closes nothing: the underlying storage belongs to someone else. */
  @Override
  public void close() {}
}
