package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.Documents;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import java.util.Map;

/**
 * One committed change as the watch feed holds it: the new state (for a deletion, the last state
 * stamped with the deletion's version) and the state before, null for a creation. The labels of
 * both are read at most once, however many watchers select on them; only the feed's context touches
 * a change, so the caching needs no lock.
 */
final class Change {
  private final long rv;
  private final WatchEvent.Type type;
  private final StoredObject object;
  private final String prevJson;
  private Map<String, String> labels;
  private Map<String, String> prevLabels;

  Change(long rv, WatchEvent.Type type, StoredObject object, String prevJson) {
    this.rv = rv;
    this.type = type;
    this.object = object;
    this.prevJson = prevJson;
  }

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

  long rv() {
    return rv;
  }

  WatchEvent.Type type() {
    return type;
  }

  StoredObject object() {
    return object;
  }

  String prevJson() {
    return prevJson;
  }

  ObjectKey key() {
    return object.key();
  }

  /** Whether the new state passes a selection. */
  boolean matches(Selection selection) {
    if (!selection.labels().isEmpty() && labels == null) {
      labels = Documents.labels(object.json());
    }
    return selection.matches(object.key(), object.json(), labels);
  }

  /** Whether the previous state passed a selection; false for a creation. */
  boolean prevMatches(Selection selection) {
    if (prevJson == null) {
      return false;
    }
    if (!selection.labels().isEmpty() && prevLabels == null) {
      prevLabels = Documents.labels(prevJson);
    }
    return selection.matches(object.key(), prevJson, prevLabels);
  }
}
