package io.bosun.controller.manager.internal;

import io.bosun.controller.runtime.Controller;
import io.bosun.controller.source.EventSources;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * A manager's controllers, started and stopped together. Starts and stops are queued one behind the
 * other, so that a start after a lost and regained leadership waits until the previous stop has
 * drained every in-flight reconcile.
 */
final class ControllerSet {
  private static final Logger LOG = Logger.getLogger(ControllerSet.class);

  private final List<Controller> controllers;
  private final EventSources sources;
  private final Duration drainTimeout;
  private final Map<String, Boolean> running = new LinkedHashMap<>();
  private CompletableFuture<Void> transitions = CompletableFuture.completedFuture(null);
  private boolean closed;

  ControllerSet(List<Controller> controllers, EventSources sources, Duration drainTimeout) {
    this.controllers = List.copyOf(controllers);
    this.sources = sources;
    this.drainTimeout = drainTimeout;
    controllers.forEach(c -> running.put(c.name(), false));
  }

  /** Each controller by name, and whether it runs. */
  synchronized Map<String, Boolean> running() {
    return Map.copyOf(running);
  }

  /** Starts the controllers once earlier transitions are done; a no-op once closed. */
  Uni<Void> start() {
    return enqueue(this::startAll);
  }

  /** Stops the controllers once earlier transitions are done. */
  Uni<Void> stop() {
    return enqueue(this::stopAll);
  }

  /** Stops the controllers, after which {@link #start()} does nothing. */
  Uni<Void> close() {
    synchronized (this) {
      closed = true;
    }
    return stop();
  }

  private synchronized Uni<Void> enqueue(java.util.function.Supplier<CompletionStage<Void>> step) {
    transitions =
        transitions
            .thenCompose(ignored -> step.get())
            // A failed step is reported where it failed; the queue goes on.
            .exceptionally(failure -> null);
    return Uni.createFrom().completionStage(transitions);
  }

  private CompletionStage<Void> startAll() {
    synchronized (this) {
      if (closed) {
        return CompletableFuture.completedFuture(null);
      }
    }
    for (Controller controller : controllers) {
      synchronized (this) {
        if (running.get(controller.name())) {
          continue;
        }
      }
      try {
        controller.start(sources);
        synchronized (this) {
          running.put(controller.name(), true);
        }
      } catch (RuntimeException e) {
        // Reported here once; readiness shows the controller as not running.
        LOG.errorf(e, "Controller %s could not start", controller.name());
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  private CompletionStage<Void> stopAll() {
    List<Uni<Void>> stops = new ArrayList<>();
    for (Controller controller : controllers) {
      synchronized (this) {
        if (!running.get(controller.name())) {
          continue;
        }
      }
      stops.add(
          controller
              .stop()
              .ifNoItem()
              .after(drainTimeout)
              .recoverWithItem(
                  () -> {
                    LOG.warnf(
                        "Controller %s: reconciles still in flight after %s; stopping anyway",
                        controller.name(), drainTimeout);
                    return null;
                  })
              .invoke(() -> markStopped(controller)));
    }
    if (stops.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return Uni.join()
        .all(stops)
        .andCollectFailures()
        .replaceWithVoid()
        .subscribeAsCompletionStage();
  }

  private synchronized void markStopped(Controller controller) {
    running.put(controller.name(), false);
  }
}
