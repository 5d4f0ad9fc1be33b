package io.bosun.controller.runtime.internal;

import io.bosun.controller.queue.ManualScheduler;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.runtime.ControllerOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A reconcile loop on a hand-moved clock, with its meters in a registry of its own. */
final class LoopFixture {
  static final String NAME = "test-controller";

  final ManualScheduler scheduler = new ManualScheduler();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** A started loop with default options but the name. */
  ReconcileLoop start(Reconciler reconciler) {
    return start(reconciler, ControllerOptions.builder());
  }

  /** A started loop with {@code options}, named {@link #NAME}. */
  ReconcileLoop start(Reconciler reconciler, ControllerOptions.Builder options) {
    ReconcileLoop loop =
        new ReconcileLoop(
            options.name(NAME).build(), reconciler, scheduler, Runnable::run, registry);
    loop.start();
    return loop;
  }

  /** How many reconciles ended with {@code kind}. */
  double count(Outcome.Kind kind) {
    return registry
        .get(ControllerMetrics.RECONCILES)
        .tags("controller", NAME, "outcome", kind.tag())
        .counter()
        .count();
  }

  /** The value of the gauge {@code name}. */
  double gauge(String name) {
    return registry.get(name).tags("controller", NAME).gauge().value();
  }
}
