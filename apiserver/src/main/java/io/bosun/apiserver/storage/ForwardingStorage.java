package io.bosun.apiserver.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** A storage that hands every call to another; subclasses change the calls they override. */
public abstract class ForwardingStorage implements Storage {
  protected final Storage storage;

  protected ForwardingStorage(Storage storage) {
    this.storage = storage;
  }

  @Override
  public Uni<StoredObject> create(ObjectKey key, String json) {
    return storage.create(key, json);
  }

  @Override
  public Uni<StoredObject> get(ObjectKey key) {
    return storage.get(key);
  }

  @Override
  public Uni<ListResult> list(ListOptions options) {
    return storage.list(options);
  }

  @Override
  public Uni<StoredObject> guaranteedUpdate(
      ObjectKey key, Preconditions preconditions, UpdateFunction update) {
    return storage.guaranteedUpdate(key, preconditions, update);
  }

  @Override
  public Uni<StoredObject> delete(ObjectKey key, Preconditions preconditions) {
    return storage.delete(key, preconditions);
  }

  @Override
  public Multi<WatchEvent> watch(WatchOptions options) {
    return storage.watch(options);
  }

  @Override
  public void follow(String resource, ChangeListener listener) {
    storage.follow(resource, listener);
  }

  @Override
  public long currentResourceVersion() {
    return storage.currentResourceVersion();
  }

  @Override
  public void close() {
    storage.close();
  }
}
