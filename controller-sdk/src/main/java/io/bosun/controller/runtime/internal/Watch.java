package io.bosun.controller.runtime.internal;

import io.bosun.controller.handler.RequestMapper;
import io.bosun.controller.predicate.EventPredicate;
import io.bosun.controller.queue.Priority;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.source.EventSources;
import io.bosun.controller.source.ResourceEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One kind a controller watches, and how its events become requests: events the predicate lets
 * through are mapped (an update's old and new states both), and queued as {@link Priority#HIGH}
 * when live, {@link Priority#LOW} when from the initial list or a resync.
 */
public final class Watch<T extends HasMetadata> {
  private static final Logger LOG = Logger.getLogger(Watch.class);

  private final Class<T> type;
  private final RequestMapper<? super T> mapper;
  private final EventPredicate<? super T> predicate;

  public Watch(
      Class<T> type, RequestMapper<? super T> mapper, EventPredicate<? super T> predicate) {
    this.type = Objects.requireNonNull(type, "type");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.predicate = Objects.requireNonNull(predicate, "predicate");
  }

  /** The watched kind. */
  public Class<T> type() {
    return type;
  }

  /** Registers with the source of this kind, feeding {@code loop}. */
  public Cancellable register(EventSources sources, ReconcileLoop loop, String controller) {
    return sources.forType(type).register(event -> handle(event, loop, controller));
  }

  /** Turns one event into queued requests. */
  void handle(ResourceEvent<T> event, ReconcileLoop loop, String controller) {
    Set<Request> requests;
    try {
      if (!predicate.test(event)) {
        return;
      }
      requests = new HashSet<>(map(event.object()));
      event.previous().ifPresent(old -> requests.addAll(map(old)));
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "Controller %s: a predicate or mapper of its %s watch threw; event dropped",
          controller,
          type.getSimpleName());
      return;
    }
    Priority priority = event.origin() == ResourceEvent.Origin.LIVE ? Priority.HIGH : Priority.LOW;
    requests.forEach(request -> loop.enqueue(request, priority));
  }

  private Set<Request> map(T object) {
    Set<Request> requests = mapper.map(object);
    return requests == null ? Set.of() : requests;
  }
}
