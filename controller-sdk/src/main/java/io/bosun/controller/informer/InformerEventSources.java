package io.bosun.controller.informer;

import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.source.EventSource;
import io.bosun.controller.source.EventSources;
import io.bosun.controller.source.ResourceEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * The event sources of controllers, backed by a process's shared informers: every controller that
 * watches a kind registers on the one informer of that kind, and live watch events (a relist's
 * differences included) are told apart from the initial list and resyncs, which queues serve later.
 */
public final class InformerEventSources implements EventSources {
  private final SharedInformers informers;
  private final InformerOptions options;

  private InformerEventSources(SharedInformers informers, InformerOptions options) {
    this.informers = informers;
    this.options = options;
  }

  /** Event sources over {@code informers}, each kind watched with {@code options}. */
  public static InformerEventSources of(SharedInformers informers, InformerOptions options) {
    return new InformerEventSources(
        Objects.requireNonNull(informers, "informers"), Objects.requireNonNull(options, "options"));
  }

  /** Event sources over {@code informers}, every kind watched cluster-wide. */
  public static InformerEventSources of(SharedInformers informers) {
    return of(informers, InformerOptions.DEFAULTS);
  }

  /** The informer behind the source of {@code type}, for reading the cache in reconcilers. */
  public <T extends HasMetadata> Informer<T> informer(Class<T> type) {
    return informers.informer(ResourceDescriptor.of(type), options);
  }

  @Override
  public <T extends HasMetadata> EventSource<T> forType(Class<T> type) {
    Informer<T> informer = informer(type);
    return handler -> informer.addHandler(adapt(handler))::remove;
  }

  private static <T extends HasMetadata> EventHandler<T> adapt(
      io.bosun.controller.source.EventHandler<T> handler) {
    return new EventHandler<>() {
      @Override
      public void onAdd(T object, Origin origin) {
        handler.onEvent(ResourceEvent.added(object, origin(origin)));
      }

      @Override
      public void onUpdate(T oldObject, T newObject, Origin origin) {
        handler.onEvent(
            origin == Origin.RESYNC
                ? ResourceEvent.resync(newObject)
                : ResourceEvent.updated(oldObject, newObject));
      }

      @Override
      public void onDelete(T object, Origin origin) {
        handler.onEvent(ResourceEvent.deleted(object));
      }
    };
  }

  private static ResourceEvent.Origin origin(Origin origin) {
    return switch (origin) {
      case INITIAL_LIST -> ResourceEvent.Origin.INITIAL_LIST;
      case RESYNC -> ResourceEvent.Origin.RESYNC;
      case WATCH, RELIST -> ResourceEvent.Origin.LIVE;
    };
  }
}
