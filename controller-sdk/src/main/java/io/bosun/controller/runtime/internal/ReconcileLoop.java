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
 *
 * <p>Requests are taken by lanes, loops that each run on the executor and call {@code reconcile()}
 * for one request after another: as many lanes as there are processors (at most the in-flight
 * limit), so that the reconciler's own work and the cache reads it makes use every core while a
 * reconcile that waits on I/O holds no thread.
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
  private final int parallelism;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger lanes = new AtomicInteger();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private volatile boolean running;
  private volatile boolean stopped;

  /**
   * A loop, not yet started, for {@code reconciler} under {@code options} (whose name must be
   * resolved); {@code executor} runs its lanes, one per processor at most.
   */
  public ReconcileLoop(
      ControllerOptions options,
      Reconciler reconciler,
      Scheduler scheduler,
      Executor executor,
      MeterRegistry registry) {
    this(
        options,
        reconciler,
        scheduler,
        executor,
        registry,
        Runtime.getRuntime().availableProcessors());
  }

  /** As above, with at most {@code maxLanes} lanes. */
  ReconcileLoop(
      ControllerOptions options,
      Reconciler reconciler,
      Scheduler scheduler,
      Executor executor,
      MeterRegistry registry,
      int maxLanes) {
    this.name = options.name();
    this.maxConcurrent = options.maxConcurrentReconciles();
    this.parallelism = Math.max(1, Math.min(maxConcurrent, maxLanes));
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
   * Starts lanes while requests are ready, workers are free and fewer than {@link #parallelism}
   * lanes run. Safe from any thread, and after every change that may let a lane take more.
   */
  private void dispatch() {
    while (running && active.get() < maxConcurrent && queue.depth() > 0) {
      int current = lanes.get();
      if (current >= parallelism) {
        return;
      }
      if (lanes.compareAndSet(current, current + 1)) {
        try {
          executor.execute(this::lane);
        } catch (RuntimeException rejected) {
          lanes.decrementAndGet();
          LOG.errorf(rejected, "Controller %s: the executor refused a reconcile lane", name);
          return;
        }
      }
    }
  }

  /**
   * One lane: takes ready requests and reconciles them one after another on this thread, while
   * workers are free. A reconcile that ends at once is finished within the loop, so the stack stays
   * flat; one that ends later frees its worker from wherever it ends, and {@link #finish} starts a
   * lane again if none runs.
   */
  private void lane() {
    try {
      // The worker is claimed before the poll, so that stop() never sees zero while a request is
      // taken.
      while (running && claimWorker()) {
        Optional<Item<Request>> item = queue.poll();
        if (item.isEmpty()) {
          release();
          break;
        }
        metrics.waited(item.get().waited());
        reconcile(item.get());
      }
    } finally {
      lanes.decrementAndGet();
    }
    // A request queued while this lane was leaving saw it still running and started none.
    dispatch();
  }

  /** Takes one of the in-flight slots, unless all are taken; lanes race for the last one. */
  private boolean claimWorker() {
    while (true) {
      int current = active.get();
      if (current >= maxConcurrent) {
        return false;
      }
      if (active.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  private void reconcile(Item<Request> item) {
    Instant start = scheduler.clock().instant();
    call.run(
        item.key(),
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
