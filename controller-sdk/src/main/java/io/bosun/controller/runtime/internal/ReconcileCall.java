package io.bosun.controller.runtime.internal;

import io.bosun.controller.queue.Scheduler;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One call of a reconciler, which always ends with one {@link Outcome}: a synchronous throw, a null
 * {@code Uni} and a null {@code Result} become failures, a reconcile that outlives the timeout is
 * cancelled, and a {@code reconcile()} call that blocks its thread is reported.
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

  /**
   * Reconciles {@code request} and tells {@code done} how it ended, exactly once. Subscribes to the
   * reconciler's {@code Uni} directly, with no operators in between: a reconcile that ends at once
   * costs a call, and a timer is armed only for one that does not.
   */
  void run(Request request, Consumer<Outcome> done) {
    Ending ending = new Ending(request, done);
    invoke(request).subscribe().withSubscriber(ending);
    ending.armTimeout();
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
    return uni;
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
   * Waits for the reconciler's {@code Uni} and for the timeout, whichever ends first; the timer
   * runs on the controller's scheduler, not Mutiny's, so that test clocks control it.
   */
  private final class Ending extends AtomicBoolean implements UniSubscriber<Result> {
    private final Request request;
    private final Consumer<Outcome> done;
    private volatile UniSubscription subscription;
    private volatile Cancellable timer;

    Ending(Request request, Consumer<Outcome> done) {
      this.request = request;
      this.done = done;
    }

    @Override
    public void onSubscribe(UniSubscription subscription) {
      this.subscription = subscription;
    }

    @Override
    public void onItem(Result result) {
      if (result != null) {
        end(Outcome.of(result, null));
        return;
      }
      end(
          Outcome.of(
              null,
              new IllegalStateException(
                  "the reconciler of controller "
                      + controller
                      + " emitted a null Result for "
                      + request
                      + "; emit Result.done() or Result.requeueAfter(delay)")));
    }

    @Override
    public void onFailure(Throwable failure) {
      end(Outcome.of(null, failure));
    }

    private void end(Outcome outcome) {
      if (!compareAndSet(false, true)) {
        return;
      }
      Cancellable armed = timer;
      if (armed != null) {
        armed.cancel();
      }
      done.accept(outcome);
    }

    void armTimeout() {
      if (get() || timeout.isZero()) {
        return;
      }
      Cancellable armed =
          scheduler.schedule(
              timeout,
              () -> {
                if (!compareAndSet(false, true)) {
                  return;
                }
                // Cancelled before the loop hears of it, which may reconcile the key again.
                UniSubscription current = subscription;
                if (current != null) {
                  current.cancel();
                }
                done.accept(
                    Outcome.of(
                        null,
                        new TimeoutException(
                            "reconcile of " + request + " did not end within " + timeout)));
              });
      timer = armed;
      if (get()) {
        armed.cancel();
      }
    }
  }
}
