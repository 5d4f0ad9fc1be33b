package io.bosun.controller.informer.internal;

import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.Registration;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The handlers of one informer and their delivery. Deliveries happen on the informer's context, one
 * at a time; a handler's exception is logged and does not stop the others.
 */
final class Handlers<T> {
  private static final System.Logger LOG = System.getLogger(Handlers.class.getName());

  /** What a handler is replayed from: the informer's cache. */
  interface Cache<T> {
    boolean synced();

    /** Every cached object, decoded. */
    List<T> snapshot();
  }

  /** One handler's registration. */
  private final class Handle implements Registration {
    final EventHandler<T> handler;
    volatile boolean removed;
    long timerId = -1;

    Handle(EventHandler<T> handler) {
      this.handler = handler;
    }

    @Override
    public void remove() {
      if (!removed) {
        removed = true;
        context.runOnContext(v -> unregister(this));
      }
    }
  }

  private final List<Handle> handles = new CopyOnWriteArrayList<>();
  private final String kind;
  private final Vertx vertx;
  private final Context context;
  private final Cache<T> cache;

  Handlers(String kind, Vertx vertx, Context context, Cache<T> cache) {
    this.kind = kind;
    this.vertx = vertx;
    this.context = context;
    this.cache = cache;
  }

  /**
   * Adds a handler on the context: it first gets the cache as adds if the informer has synced, then
   * every change, and every {@code resyncPeriod} (unless zero) the cache again as updates.
   */
  Registration register(EventHandler<T> handler, Duration resyncPeriod) {
    Handle handle = new Handle(handler);
    context.runOnContext(
        v -> {
          if (handle.removed) {
            return;
          }
          handles.add(handle);
          if (cache.synced()) {
            for (T object : cache.snapshot()) {
              deliver(handle, h -> h.onAdd(object, Origin.INITIAL_LIST));
            }
          }
          if (!resyncPeriod.isZero()) {
            handle.timerId =
                vertx.setPeriodic(
                    Math.max(1, resyncPeriod.toMillis()),
                    t -> context.runOnContext(x -> resync(handle)));
          }
        });
    return handle;
  }

  private void resync(Handle handle) {
    if (cache.synced()) {
      for (T object : cache.snapshot()) {
        deliver(handle, h -> h.onUpdate(object, object, Origin.RESYNC));
      }
    }
  }

  private void unregister(Handle handle) {
    handles.remove(handle);
    if (handle.timerId >= 0) {
      vertx.cancelTimer(handle.timerId);
    }
  }

  /** Removes every handler; on the context. */
  void clear() {
    context.runOnContext(v -> handles.forEach(this::unregister));
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
    for (Handle handle : handles) {
      deliver(handle, delivery);
    }
  }

  private void deliver(Handle handle, Consumer<EventHandler<T>> delivery) {
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
