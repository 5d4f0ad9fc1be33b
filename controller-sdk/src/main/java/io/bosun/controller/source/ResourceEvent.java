package io.bosun.controller.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to one object, as an informer saw it.
 *
 * @param type whether the object was added, updated or deleted
 * @param origin whether the event is live, from the initial list, or from a resync
 * @param oldObject the previous state of an update; {@code null} for added and deleted
 * @param object the new state, or for a delete the last state known
 */
public record ResourceEvent<T extends HasMetadata>(
    Type type, Origin origin, T oldObject, T object) {

  /** What happened to the object. */
  public enum Type {
    ADDED,
    UPDATED,
    DELETED
  }

  /** Why the informer delivered the event; live events are served first. */
  public enum Origin {
    /** A change seen on the watch. */
    LIVE,
    /** An object already there when the informer listed (or relisted) its kind. */
    INITIAL_LIST,
    /** A periodic redelivery of a cached object; the old and new objects are the same. */
    RESYNC
  }

  public ResourceEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(object, "object");
    if ((type == Type.UPDATED) != (oldObject != null)) {
      throw new IllegalArgumentException("an update, and only an update, has an old object");
    }
  }

  /** {@code object} was added; live or from the initial list. */
  public static <T extends HasMetadata> ResourceEvent<T> added(T object, Origin origin) {
    return new ResourceEvent<>(Type.ADDED, origin, null, object);
  }

  /** A live update from {@code oldObject} to {@code object}. */
  public static <T extends HasMetadata> ResourceEvent<T> updated(T oldObject, T object) {
    return new ResourceEvent<>(Type.UPDATED, Origin.LIVE, oldObject, object);
  }

  /** A resync of a cached object: an update whose old and new states are the same. */
  public static <T extends HasMetadata> ResourceEvent<T> resync(T object) {
    return new ResourceEvent<>(Type.UPDATED, Origin.RESYNC, object, object);
  }

  /** A live delete; {@code lastKnown} is the object's last state in the cache. */
  public static <T extends HasMetadata> ResourceEvent<T> deleted(T lastKnown) {
    return new ResourceEvent<>(Type.DELETED, Origin.LIVE, null, lastKnown);
  }

  /** The previous state, present for updates only. */
  public Optional<T> previous() {
    return Optional.ofNullable(oldObject);
  }
}
