package io.bosun.controller.runtime;

import io.bosun.controller.handler.RequestMapper;
import io.bosun.controller.predicate.EventPredicate;
import io.bosun.controller.queue.Scheduler;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.runtime.internal.ManagedController;
import io.bosun.controller.runtime.internal.ReconcileLoop;
import io.bosun.controller.runtime.internal.Watch;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Builds a {@link Controller} for the primary kind {@code P}; start from {@link
 * Controller#forResource}. Every event source is named here, explicitly: nothing is discovered.
 */
public final class ControllerBuilder<P extends HasMetadata> {
  private final Class<P> primary;
  private final List<Watch<?>> secondaries = new ArrayList<>();
  private final List<EventPredicate<? super P>> predicates = new ArrayList<>();
  private ControllerOptions options = ControllerOptions.DEFAULTS;
  private Scheduler scheduler;
  private MeterRegistry registry = Metrics.globalRegistry;
  private Executor executor; // null: Mutiny's default worker pool, looked up at build time

  ControllerBuilder(Class<P> primary) {
    this.primary = Objects.requireNonNull(primary, "type");
  }

  /**
   * Reconciles the controlling owner of each changed {@code type} object: the owner reference with
   * {@code controller: true} whose kind is the primary kind.
   */
  public <O extends HasMetadata> ControllerBuilder<P> owns(Class<O> type) {
    return owns(type, EventPredicate.always());
  }

  /** As {@link #owns(Class)}, for the events {@code predicate} lets through. */
  public <O extends HasMetadata> ControllerBuilder<P> owns(
      Class<O> type, EventPredicate<? super O> predicate) {
    secondaries.add(new Watch<>(type, RequestMapper.controllerOwner(primary), predicate));
    return this;
  }

  /** Reconciles the requests {@code mapper} finds for each changed {@code type} object. */
  public <W extends HasMetadata> ControllerBuilder<P> watches(
      Class<W> type, RequestMapper<? super W> mapper) {
    return watches(type, mapper, EventPredicate.always());
  }

  /** As {@link #watches(Class, RequestMapper)}, for the events {@code predicate} lets through. */
  public <W extends HasMetadata> ControllerBuilder<P> watches(
      Class<W> type, RequestMapper<? super W> mapper, EventPredicate<? super W> predicate) {
    secondaries.add(new Watch<>(type, mapper, predicate));
    return this;
  }

  /**
   * Reconciles a primary object only for the events all of {@code predicates} let through. May be
   * called more than once; the predicates add up. Defaults to every event.
   */
  @SafeVarargs
  public final ControllerBuilder<P> withPredicates(EventPredicate<? super P>... predicates) {
    for (EventPredicate<? super P> predicate : predicates) {
      this.predicates.add(Objects.requireNonNull(predicate, "predicate"));
    }
    return this;
  }

  /** How the controller runs. Defaults to {@link ControllerOptions#DEFAULTS}. */
  public ControllerBuilder<P> withOptions(ControllerOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    return this;
  }

  /**
   * The clock and timers for delays, back-off and timeouts. Defaults to {@link Scheduler#system()}.
   */
  public ControllerBuilder<P> withScheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /** Where the controller's meters go. Defaults to Micrometer's global registry. */
  public ControllerBuilder<P> withMeterRegistry(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * Where the controller's lanes run, which call {@code reconcile()} one request after another (as
   * many lanes as processors, at most the in-flight limit). Defaults to Mutiny's default worker
   * pool, which is Quarkus's worker pool in a Quarkus application; {@code Runnable::run} calls
   * {@code reconcile()} on the thread that queued the request or ended the previous reconcile, such
   * as the informer's.
   */
  public ControllerBuilder<P> withExecutor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** The controller, not yet started, that runs {@code reconciler}. */
  public Controller build(Reconciler reconciler) {
    Objects.requireNonNull(reconciler, "reconciler");
    ControllerOptions resolved = options;
    if (resolved.name().isEmpty()) {
      resolved =
          resolved.toBuilder().name(HasMetadata.getKind(primary).toLowerCase(Locale.ROOT)).build();
    }
    List<Watch<?>> watches = new ArrayList<>();
    watches.add(new Watch<>(primary, RequestMapper.self(), EventPredicate.and(predicates)));
    watches.addAll(secondaries);
    Scheduler time = scheduler != null ? scheduler : Scheduler.system();
    ControllerOptions loopOptions = resolved;
    Executor lanes = executor != null ? executor : Infrastructure.getDefaultWorkerPool();
    return new ManagedController(
        resolved.name(),
        watches,
        () -> new ReconcileLoop(loopOptions, reconciler, time, lanes, registry));
  }
}
