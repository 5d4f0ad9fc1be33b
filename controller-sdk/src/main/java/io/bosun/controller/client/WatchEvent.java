package io.bosun.controller.client;

import java.util.Objects;

/**
 * One event of a watch: an object was added, modified or deleted, or a bookmark moved the watch's
 * resourceVersion forward without a change. An {@code ERROR} event is not an event: it ends the
 * watch's {@code Multi} with an {@link ApiException} ({@link GoneException} when the version asked
 * for is no longer kept).
 *
 * @param type what happened
 * @param object the object after the change; for {@link Type#DELETED} its last state; for {@link
 *     Type#BOOKMARK} an object that holds only a resourceVersion
 * @param resourceVersion the object's resourceVersion, the watch's position after this event
 * @param <T> the Java type of the kind's objects
 */
public record WatchEvent<T>(Type type, T object, String resourceVersion) {

  /** The kinds of watch events. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED,
    BOOKMARK
  }

  public WatchEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(resourceVersion, "resourceVersion");
  }
}
