package io.bosun.controller.runtime.internal;

import io.bosun.controller.runtime.Controller;
import io.bosun.controller.source.EventSources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link Controller}: its watches feed a reconcile loop between start and stop. Each start takes
 * a fresh loop, so that a controller stopped on a lost leadership can run again when it is
 * regained.
 */
public final class ManagedController implements Controller {
  private enum State {
    IDLE,
    RUNNING,
    STOPPING
  }

  private final String name;
  private final List<Watch<?>> watches;
  private final Supplier<ReconcileLoop> loops;
  private final List<Cancellable> registrations = new ArrayList<>();
  private State state = State.IDLE;
  private ReconcileLoop loop;
  private Uni<Void> stopping;

  public ManagedController(String name, List<Watch<?>> watches, Supplier<ReconcileLoop> loops) {
    this.name = name;
    this.watches = List.copyOf(watches);
    this.loops = loops;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Class<? extends HasMetadata>> watchedTypes() {
    Set<Class<? extends HasMetadata>> types = new LinkedHashSet<>();
    watches.forEach(watch -> types.add(watch.type()));
    return types;
  }

  @Override
  public synchronized void start(EventSources sources) {
    Objects.requireNonNull(sources, "sources");
    if (state != State.IDLE) {
      throw new IllegalStateException(
          "controller " + name + (state == State.RUNNING ? " is running" : " is still stopping"));
    }
    ReconcileLoop fresh = loops.get();
    try {
      for (Watch<?> watch : watches) {
        registrations.add(watch.register(sources, fresh, name));
      }
    } catch (RuntimeException e) {
      registrations.forEach(Cancellable::cancel);
      registrations.clear();
      fresh.stop().subscribe().with(ignored -> {});
      throw e;
    }
    loop = fresh;
    state = State.RUNNING;
    fresh.start();
  }

  @Override
  public synchronized Uni<Void> stop() {
    if (state == State.IDLE) {
      return Uni.createFrom().voidItem();
    }
    if (state == State.STOPPING) {
      return stopping;
    }
    state = State.STOPPING;
    registrations.forEach(Cancellable::cancel);
    registrations.clear();
    // Subscribed here, so that the controller becomes startable again even if no one waits.
    stopping =
        Uni.createFrom()
            .completionStage(loop.stop().invoke(this::stopped).subscribeAsCompletionStage());
    return stopping;
  }

  private synchronized void stopped() {
    state = State.IDLE;
    loop = null;
  }

  @Override
  public String toString() {
    return "Controller[" + name + "]";
  }
}
