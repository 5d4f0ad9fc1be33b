package io.bosun.controllers.scheduler;

import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.runtime.Controller;
import io.smallrye.mutiny.Uni;

/** A controller whose stop also writes the event counts its recorder has not written yet. */
final class FlushingEvents extends ForwardingController {
  private final EventRecorder events;

  FlushingEvents(Controller controller, EventRecorder events) {
    super(controller);
    this.events = events;
  }

  @Override
  public Uni<Void> stop() {
    return super.stop().call(events::flush);
  }
}
