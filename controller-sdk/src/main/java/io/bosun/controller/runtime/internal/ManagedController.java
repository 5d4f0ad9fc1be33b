package io.bosun.controller.runtime.internal;

import io.bosun.controller.runtime.Controller;
import io.bosun.controller.source.EventSources;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A {@link Controller}: its watches feed its reconcile loop between start and stop. */
public final class ManagedController implements Controller {
  private final String name;
  private final List<Watch<?>> watches;
  private final ReconcileLoop loop;
  private final List<Cancellable> registrations = new ArrayList<>();
  private boolean started;

  public ManagedController(String name, List<Watch<?>> watches, ReconcileLoop loop) {
    this.name = name;
    this.watches = List.copyOf(watches);
    this.loop = loop;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void start(EventSources sources) {
    Objects.requireNonNull(sources, "sources");
    if (started) {
      throw new IllegalStateException("controller " + name + " was already started");
    }
    started = true;
    try {
      for (Watch<?> watch : watches) {
        registrations.add(watch.register(sources, loop, name));
      }
    } catch (RuntimeException e) {
      registrations.forEach(Cancellable::cancel);
      registrations.clear();
      throw e;
    }
    loop.start();
  }

  @Override
  public Uni<Void> stop() {
    synchronized (this) {
      started = true;
      registrations.forEach(Cancellable::cancel);
      registrations.clear();
    }
    return loop.stop();
  }

  @Override
  public String toString() {
    return "Controller[" + name + "]";
  }
}
