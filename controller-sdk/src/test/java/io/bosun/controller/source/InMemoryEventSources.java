package io.bosun.controller.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test scaffolding for the SDK's own unit tests: event sources whose events the test emits by hand.
 * Not a cache and not an apiserver; controllers' integration tests use a real apiserver.
 */
public final class InMemoryEventSources implements EventSources {
  private final Map<Class<?>, List<EventHandler<?>>> handlers = new HashMap<>();

  @Override
  public synchronized <T extends HasMetadata> EventSource<T> forType(Class<T> type) {
    List<EventHandler<?>> forType =
        handlers.computeIfAbsent(type, unused -> new CopyOnWriteArrayList<>());
    return handler -> {
      forType.add(Objects.requireNonNull(handler, "handler"));
      return () -> forType.remove(handler);
    };
  }

  /** Delivers {@code event} to every handler registered for {@code type}. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> void emit(Class<T> type, ResourceEvent<T> event) {
    List<EventHandler<?>> forType;
    synchronized (this) {
      forType = handlers.getOrDefault(type, List.of());
    }
    for (EventHandler<?> handler : forType) {
      ((EventHandler<T>) handler).onEvent(event);
    }
  }

  /** How many handlers are registered for {@code type}. */
  public synchronized int handlerCount(Class<?> type) {
    return handlers.getOrDefault(type, List.of()).size();
  }
}
