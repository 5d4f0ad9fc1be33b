package io.bosun.controller.runtime.internal;

import io.bosun.controller.queue.Item;
import io.bosun.controller.queue.Priority;
import io.bosun.controller.queue.RateLimiter;
import io.bosun.controller.queue.Scheduler;
import io.bosun.controller.queue.WorkQueue;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.runtime.ControllerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Works through a controller's queue: takes ready requests while fewer than the maximum are in
 * flight, reconciles each as a {@code Uni} (no thread waits for it), and acts on how it ended in
 * {@link #finish}, the one place that requeues, logs and counts outcomes.
 */
public final class ReconcileLoop {
  private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

  private final String name;
  private final int maxConcurrent;
  private final Duration timeout;
  private final Scheduler scheduler;
  private final Executor executor;
  private final WorkQueue<Request> queue;
  private final ControllerMetrics metrics;
  private final ReconcileCall call;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger dispatchesMissed = new AtomicInteger();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private volatile boolean running;
  private volatile boolean stopped;

  /**
   * A loop, not yet started, for {@code reconciler} under {@code options} (whose name must be
   * resolved); {@code executor} runs each {@code reconcile()} call.
   */
  public ReconcileLoop(
      ControllerOptions options,
      Reconciler reconciler,
      Scheduler scheduler,
      Executor executor,
      MeterRegistry registry) {
    this.name = options.name();
    this.maxConcurrent = options.maxConcurrentReconciles();
    this.timeout = options.reconcileTimeout();
    this.scheduler = scheduler;
    this.executor = executor;
    this.queue =
        WorkQueue.create(
            scheduler, RateLimiter.forRetries(options.retry(), scheduler.clock()), this::dispatch);
    this.metrics = new ControllerMetrics(registry, name, queue::depth, active::get, maxConcurrent);
    this.call =
        new ReconcileCall(
            name,
            reconciler,
            options.reconcileTimeout(),
            options.blockingThreshold(),
            scheduler,
            metrics);
  }

  /** Queues {@code request}; it is reconciled once started and a worker is free. */
  public void enqueue(Request request, Priority priority) {
    queue.add(request, priority);
  }

  /** Starts taking requests, including those queued before. */
  public void start() {
    running = true;
    dispatch();
  }

  /** Stops taking requests; completes when no reconcile is in flight. */
  @CheckReturnValue
  public Uni<Void> stop() {
    running = false;
    stopped = true;
    queue.shutDown();
    if (active.get() == 0) {
      drained.complete(null);
    }
    return Uni.createFrom().completionStage(drained).invoke(metrics::close);
  }

  /** How many reconciles are in flight. */
  public int active() {
    return active.get();
  }

  /**
   * Takes requests while workers are free. Re-entrant calls (a reconcile that ends synchronously
   * finishes inside this loop) only mark a missed pass, so the stack stays flat.
   */
  private void dispatch() {
    if (dispatchesMissed.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      while (running && active.get() < maxConcurrent) {
        // Counted before the poll, so that stop() never sees zero while a request is taken.
        active.incrementAndGet();
        Optional<Item<Request>> item = queue.poll();
        if (item.isEmpty()) {
          release();
          break;
        }
        metrics.waited(item.get().waited());
        try {
          executor.execute(() -> reconcile(item.get()));
        } catch (RuntimeException rejected) {
          // An executor that refuses the call must not leave the request held for ever.
          finish(item.get(), new Outcome(Outcome.Kind.FAILED, null, rejected), Duration.ZERO);
        }
      }
      missed = dispatchesMissed.addAndGet(-missed);
    } while (missed != 0);
  }

  private void reconcile(Item<Request> item) {
    Instant start = scheduler.clock().instant();
    call.run(item.key())
        .subscribe()
        .with(
            outcome -> finish(item, outcome, Duration.between(start, scheduler.clock().instant())));
  }

  /** The one place that acts on, logs and counts how a reconcile ended. */
  private void finish(Item<Request> item, Outcome outcome, Duration took) {
    Request request = item.key();
    switch (outcome.kind()) {
      case DONE -> queue.forget(request);
      case REQUEUE_AFTER -> {
        queue.forget(request);
        queue.addAfter(request, outcome.requeueAfter(), item.priority());
      }
      case FAILED -> {
        Duration delay = queue.addRateLimited(request, item.priority());
        LOG.warnf(
            outcome.failure(),
            "Controller %s: reconcile of %s failed; retry %d in %d ms",
            name,
            request,
            queue.retries(request),
            delay.toMillis());
      }
      case TIMED_OUT -> {
        Duration delay = queue.addRateLimited(request, item.priority());
        LOG.warnf(
            "Controller %s: reconcile of %s did not end within %s and was cancelled; retry %d in"
                + " %d ms",
            name, request, timeout, queue.retries(request), delay.toMillis());
      }
      case TERMINAL -> {
        queue.forget(request);
        LOG.errorf(
            outcome.failure(),
            "Controller %s: reconcile of %s failed terminally; not retried until its next event",
            name,
            request);
      }
    }
    metrics.reconciled(outcome.kind(), took);
    queue.done(request);
    release();
    dispatch();
  }

  private void release() {
    if (active.decrementAndGet() == 0 && stopped) {
      drained.complete(null);
    }
  }
}
