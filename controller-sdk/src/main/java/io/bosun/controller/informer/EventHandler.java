package io.bosun.controller.informer;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Receives an informer's changes, one at a time, in the order the informer saw them. Called on the
 * informer's event-loop thread: return quickly and never block (enqueue a key and return). The
 * objects are shared between handlers: read them, do not change them. An exception thrown here is
 * logged and the informer goes on.
 *
 * @param <T> the Java type of the kind's objects
 */
public interface EventHandler<T> {

  /** An object appeared (created, listed at start, or came into the selection). */
  default void onAdd(T object, Origin origin) {}

  /**
   * An object changed; for {@link Origin#RESYNC} {@code oldObject} and {@code newObject} are equal.
   */
  default void onUpdate(T oldObject, T newObject, Origin origin) {}

  /** An object was deleted (or left the selection); {@code object} is its last known state. */
  default void onDelete(T object, Origin origin) {}

  /**
   * A handler that calls {@code onChange} with the current object of every add, update and delete:
   * what a level-based controller needs to enqueue a key.
   */
  static <T> EventHandler<T> onChange(BiConsumer<T, Origin> onChange) {
    Objects.requireNonNull(onChange, "onChange");
    return new EventHandler<>() {
      @Override
      public void onAdd(T object, Origin origin) {
        onChange.accept(object, origin);
      }

      @Override
      public void onUpdate(T oldObject, T newObject, Origin origin) {
        onChange.accept(newObject, origin);
      }

      @Override
      public void onDelete(T object, Origin origin) {
        onChange.accept(object, origin);
      }
    };
  }
}
