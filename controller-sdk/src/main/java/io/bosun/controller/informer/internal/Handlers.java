package io.bosun.controller.informer.internal;

import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.Registration;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The handlers of one informer and their delivery. Deliveries happen on the informer's context, one
 * at a time; a handler's exception is logged and does not stop the others.
 */
final class Handlers<T> {
  private static final System.Logger LOG = System.getLogger(Handlers.class.getName());

  /** One handler's registration; {@code timerId} is its resync timer, or -1. */
  static final class Handle<T> implements Registration {
    final EventHandler<T> handler;
    private final Consumer<Handle<T>> onRemove;
    volatile boolean removed;
    long timerId = -1;

    Handle(EventHandler<T> handler, Consumer<Handle<T>> onRemove) {
      this.handler = handler;
      this.onRemove = onRemove;
    }

    @Override
    public void remove() {
      if (!removed) {
        removed = true;
        onRemove.accept(this);
      }
    }
  }

  private final List<Handle<T>> handles = new CopyOnWriteArrayList<>();
  private final String kind;

  Handlers(String kind) {
    this.kind = kind;
  }

  boolean isEmpty() {
    return handles.isEmpty();
  }

  List<Handle<T>> all() {
    return handles;
  }

  void add(Handle<T> handle) {
    handles.add(handle);
  }

  void remove(Handle<T> handle) {
    handles.remove(handle);
  }

  void added(T object, Origin origin) {
    each(h -> h.onAdd(object, origin));
  }

  void updated(T oldObject, T newObject, Origin origin) {
    each(h -> h.onUpdate(oldObject, newObject, origin));
  }

  void deleted(T object, Origin origin) {
    each(h -> h.onDelete(object, origin));
  }

  private void each(Consumer<EventHandler<T>> delivery) {
    for (Handle<T> handle : handles) {
      deliver(handle, delivery);
    }
  }

  /** Delivers to one handler, unless it has been removed meanwhile. */
  void deliver(Handle<T> handle, Consumer<EventHandler<T>> delivery) {
    if (handle.removed) {
      return;
    }
    try {
      delivery.accept(handle.handler);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an event handler of the " + kind + " informer failed", e);
    }
  }
}
