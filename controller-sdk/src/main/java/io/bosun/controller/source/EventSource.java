package io.bosun.controller.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Delivers the events of one kind to registered handlers. A handler registered after the source has
 * listed receives the cached objects as {@link ResourceEvent.Origin#INITIAL_LIST} adds, so it
 * misses nothing. Events for one object arrive in order.
 */
public interface EventSource<T extends HasMetadata> {

  /**
   * Starts delivering events to {@code handler}.
   *
   * @return stops the delivery
   */
  Cancellable register(EventHandler<T> handler);
}
