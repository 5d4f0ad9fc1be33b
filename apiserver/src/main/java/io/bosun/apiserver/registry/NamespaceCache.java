package io.bosun.apiserver.registry;

import io.bosun.apiserver.storage.ChangeListener;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The namespaces every namespaced create is checked against, as kube-apiserver's NamespaceLifecycle
 * admission reads them from its informer: kept current by storage's change feed, so a create costs
 * no database read for its namespace. A namespace written through this apiserver is updated before
 * its writer hears back, so a client that deletes a namespace and then creates in it is refused as
 * if the database had been read; one written by another apiserver is seen once this one's feed
 * applies it, as an informer would. A namespace not seen since start-up is read from storage and
 * remembered unless a newer state arrived meanwhile.
 */
final class NamespaceCache implements ChangeListener {
  private final Storage storage;

  /** By name; a null object is a deletion at {@code rv}. Written under this object's lock. */
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private boolean following;
  private long epoch; // bumped by reset, so that a read begun before it is not remembered

  private record Entry(long rv, StoredObject object) {}

  NamespaceCache(Storage storage) {
    this.storage = storage;
    storage.follow("namespaces", this);
  }

  /** The namespace as last seen, read from storage when not known. */
  Uni<StoredObject> get(String name) {
    Entry entry = entries.get(name);
    if (entry != null && entry.object() != null) {
      return Uni.createFrom().item(entry.object());
    }
    long readEpoch = readEpoch();
    return storage
        .get(ObjectKey.cluster("namespaces", name))
        .invoke(object -> remember(readEpoch, object));
  }

  @Override
  public synchronized void following() {
    following = true;
  }

  @Override
  public synchronized void changed(WatchEvent.Type type, StoredObject object) {
    keep(object, type == WatchEvent.Type.DELETED ? null : object);
  }

  @Override
  public synchronized void reset() {
    epoch++;
    entries.clear();
  }

  /** The epoch a read starts in; -1 before the cache follows changes, which is never current. */
  private synchronized long readEpoch() {
    return following ? epoch : -1;
  }

  /** Keeps what a read found, unless a reset came between. */
  private synchronized void remember(long readEpoch, StoredObject object) {
    if (readEpoch == epoch) {
      keep(object, object);
    }
  }

  /**
   * Keeps {@code state} (null: deleted) at {@code change}'s version unless a newer one is known.
   */
  private void keep(StoredObject change, StoredObject state) {
    Entry known = entries.get(change.key().name());
    if (known == null || known.rv() < change.resourceVersion()) {
      entries.put(change.key().name(), new Entry(change.resourceVersion(), state));
    }
  }
}
