package io.bosun.controller.source;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Receives the events of an {@link EventSource}. Must return quickly and never block. */
@FunctionalInterface
public interface EventHandler<T extends HasMetadata> {

  /** Handles one event. */
  void onEvent(ResourceEvent<T> event);
}
