package io.bosun.controller.runtime.internal;

import io.bosun.controller.queue.Scheduler;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * One call of a reconciler as a {@code Uni} that always ends with an {@link Outcome}: a synchronous
 * throw, a null {@code Uni} and a null {@code Result} become failures, a reconcile that outlives
 * the timeout is cancelled, and a {@code reconcile()} call that blocks its thread is reported.
 */
final class ReconcileCall {
  private static final Logger LOG = Logger.getLogger(ReconcileCall.class);

  private final String controller;
  private final Reconciler reconciler;
  private final Duration timeout;
  private final Duration blockingThreshold;
  private final Scheduler scheduler;
  private final ControllerMetrics metrics;

  ReconcileCall(
      String controller,
      Reconciler reconciler,
      Duration timeout,
      Duration blockingThreshold,
      Scheduler scheduler,
      ControllerMetrics metrics) {
    this.controller = controller;
    this.reconciler = reconciler;
    this.timeout = timeout;
    this.blockingThreshold = blockingThreshold;
    this.scheduler = scheduler;
    this.metrics = metrics;
  }

  /** Reconciles {@code request}; the returned {@code Uni} never fails. */
  Uni<Outcome> run(Request request) {
    Uni<Result> result = Uni.createFrom().deferred(() -> invoke(request));
    if (!timeout.isZero()) {
      result = failAfterTimeout(result, request);
    }
    return result.onItemOrFailure().transform(Outcome::of);
  }

  private Uni<Result> invoke(Request request) {
    Instant start = scheduler.clock().instant();
    Uni<Result> uni;
    try {
      uni = reconciler.reconcile(request);
    } catch (Throwable thrown) {
      uni = Uni.createFrom().failure(thrown);
    } finally {
      reportIfBlocked(request, Duration.between(start, scheduler.clock().instant()));
    }
    if (uni == null) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException(
                  "the reconciler of controller "
                      + controller
                      + " returned a null Uni for "
                      + request
                      + "; return Uni.createFrom().item(Result.done()) when there is nothing to do"));
    }
    return uni.onItem()
        .ifNull()
        .failWith(
            () ->
                new IllegalStateException(
                    "the reconciler of controller "
                        + controller
                        + " emitted a null Result for "
                        + request
                        + "; emit Result.done() or Result.requeueAfter(delay)"));
  }

  private void reportIfBlocked(Request request, Duration took) {
    if (took.compareTo(blockingThreshold) > 0) {
      metrics.blocked();
      LOG.warnf(
          "Controller %s: reconcile(%s) took %d ms to return its Uni (threshold %d ms): it blocked"
              + " the calling thread, which delays every reconcile and event behind it. Do the work"
              + " inside the Uni, and move blocking calls to a worker pool.",
          controller, request, took.toMillis(), blockingThreshold.toMillis());
    }
  }

  /**
   * Fails with a {@link TimeoutException} and cancels {@code upstream} if it has not ended within
   * the timeout. On the controller's scheduler, not Mutiny's, so that test clocks control it.
   */
  private Uni<Result> failAfterTimeout(Uni<Result> upstream, Request request) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              AtomicBoolean ended = new AtomicBoolean();
              AtomicReference<Cancellable> subscription = new AtomicReference<>();
              AtomicReference<Cancellable> timer = new AtomicReference<>();
              emitter.onTermination(
                  () -> {
                    cancel(timer);
                    if (!ended.get()) {
                      cancel(subscription);
                    }
                  });
              subscription.set(
                  upstream
                      .subscribe()
                      .with(
                          item -> {
                            if (ended.compareAndSet(false, true)) {
                              emitter.complete(item);
                            }
                          },
                          failure -> {
                            if (ended.compareAndSet(false, true)) {
                              emitter.fail(failure);
                            }
                          }));
              if (ended.get()) {
                return;
              }
              timer.set(
                  scheduler.schedule(
                      timeout,
                      () -> {
                        if (ended.compareAndSet(false, true)) {
                          cancel(subscription);
                          emitter.fail(
                              new TimeoutException(
                                  "reconcile of " + request + " did not end within " + timeout));
                        }
                      }));
              if (ended.get()) {
                cancel(timer);
              }
            });
  }

  private static void cancel(AtomicReference<Cancellable> reference) {
    Cancellable cancellable = reference.getAndSet(null);
    if (cancellable != null) {
      cancellable.cancel();
    }
  }
}
