package io.bosun.apiserver.storage;

/**
 * Hears the changes to one resource as storage applies them to its watch feed: in resource version
 * order, on the feed's thread, and for a write made through this storage before its writer hears
 * back. For caches that must see their own apiserver's writes at once. Calls must be quick and must
 * neither block nor throw.
 */
public interface ChangeListener {
  /** Called once the listener is registered: every later change reaches it. */
  void following();

  /** One change; for a deletion, the last state stamped with the deletion's version. */
  void changed(WatchEvent.Type type, StoredObject object);

  /** Changes were skipped (the feed fell behind a compaction): forget what was heard so far. */
  void reset();
}
