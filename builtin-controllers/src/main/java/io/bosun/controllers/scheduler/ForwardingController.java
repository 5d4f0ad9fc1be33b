package io.bosun.controllers.scheduler;

import io.bosun.controller.runtime.Controller;
import io.bosun.controller.source.EventSources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/** A controller that forwards everything to another; subclasses add to its start or stop. */
abstract class ForwardingController implements Controller {
  private final Controller controller;

  ForwardingController(Controller controller) {
    this.controller = controller;
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
    return controller.stop();
  }
}
