package io.bosun.controller.source;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Finds the event source of a kind. Implemented by the shared informers of a process, so that every
 * controller watching a kind shares one list and watch.
 */
@FunctionalInterface
public interface EventSources {

  /**
   * The source of events for objects of {@code type}.
   *
   * @throws IllegalArgumentException if this provider cannot watch {@code type}
   */
  <T extends HasMetadata> EventSource<T> forType(Class<T> type);
}
