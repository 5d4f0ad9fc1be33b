package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;

/**
 * One committed change as the watch feed holds it: the new state (for a deletion, the last state
 * stamped with the deletion's version) and the state before, null for a creation.
 */
record Change(long rv, WatchEvent.Type type, StoredObject object, String prevJson) {

  static Change of(long rv, short type, ObjectKey key, String json, String prevJson) {
    WatchEvent.Type kind =
        switch (type) {
          case 1 -> WatchEvent.Type.ADDED;
          case 2 -> WatchEvent.Type.MODIFIED;
          case 3 -> WatchEvent.Type.DELETED;
          default -> throw new IllegalStateException("unknown event type " + type);
        };
    return new Change(rv, kind, new StoredObject(key, rv, json), prevJson);
  }

  ObjectKey key() {
    return object.key();
  }
}
