package io.bosun.apiserver.storage;

/**
 * One change delivered to a watcher.
 *
 * <p>For {@link Type#DELETED} the object is the last state stamped with the deletion's resource
 * version. For {@link Type#BOOKMARK} only {@code resourceVersion} is meaningful and {@code object}
 * is null.
 */
public record WatchEvent(
    Type type, StoredObject object, long resourceVersion, boolean initialEventsEnd) {

  /** The kinds of watch events, named as the Kubernetes watch protocol names them. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED,
    BOOKMARK
  }

  /** A change to an object. */
  public static WatchEvent of(Type type, StoredObject object) {
    return new WatchEvent(type, object, object.resourceVersion(), false);
  }

  /** A bookmark: every change up to {@code resourceVersion} has been delivered. */
  public static WatchEvent bookmark(long resourceVersion, boolean initialEventsEnd) {
    return new WatchEvent(Type.BOOKMARK, null, resourceVersion, initialEventsEnd);
  }
}
