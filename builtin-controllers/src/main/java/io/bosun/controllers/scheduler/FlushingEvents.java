package io.bosun.controllers.scheduler;

import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.source.EventSources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/** A controller whose stop also writes the event counts its recorder has not written yet. */
final class FlushingEvents implements Controller {
  private final Controller controller;
  private final EventRecorder events;

  FlushingEvents(Controller controller, EventRecorder events) {
    this.controller = controller;
    this.events = events;
  }

  @Override
  public String name() {
    return controller.name();
  }

  @Override
  public Set<Class<? extends HasMetadata>> watchedTypes() {
    return controller.watchedTypes();
  }

  @Override
  public void start(EventSources sources) {
    controller.start(sources);
  }

  @Override
  public Uni<Void> stop() {
    return controller.stop().call(events::flush);
  }
}
