package io.bosun.controller.runtime.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A controller's meters, all tagged {@code controller=<name>}. Durations come from the controller's
 * clock, so they are exact under a test clock.
 *
 * <ul>
 *   <li>{@value #RECONCILES} (counter, tag {@code outcome}: done, requeue_after, failed, terminal,
 *       timed_out)
 *   <li>{@value #ERRORS} (counter: failed, terminal and timed-out reconciles)
 *   <li>{@value #DURATION} (timer: from the call of {@code reconcile()} to its outcome)
 *   <li>{@value #BLOCKING} (counter: {@code reconcile()} calls that blocked their thread)
 *   <li>{@value #QUEUE_DEPTH} (gauge: requests ready and waiting for a worker)
 *   <li>{@value #QUEUE_LATENCY} (timer: how long a ready request waited for a worker)
 *   <li>{@value #ACTIVE_WORKERS} and {@value #MAX_WORKERS} (gauges: reconciles in flight, and the
 *       limit)
 * </ul>
 */
public final class ControllerMetrics {
  public static final String RECONCILES = "bosun.controller.reconciles";
  public static final String ERRORS = "bosun.controller.reconcile.errors";
  public static final String DURATION = "bosun.controller.reconcile.duration";
  public static final String BLOCKING = "bosun.controller.reconcile.blocking";
  public static final String QUEUE_DEPTH = "bosun.controller.queue.depth";
  public static final String QUEUE_LATENCY = "bosun.controller.queue.latency";
  public static final String ACTIVE_WORKERS = "bosun.controller.workers.active";
  public static final String MAX_WORKERS = "bosun.controller.workers.max";

  private final MeterRegistry registry;
  private final Map<Outcome.Kind, Counter> reconciles = new EnumMap<>(Outcome.Kind.class);
  private final Counter errors;
  private final Counter blocking;
  private final Timer duration;
  private final Timer queueLatency;
  private final List<Meter> gauges = new ArrayList<>();

  public ControllerMetrics(
      MeterRegistry registry,
      String controller,
      IntSupplier queueDepth,
      IntSupplier activeWorkers,
      int maxWorkers) {
    this.registry = registry;
    Tags tags = Tags.of("controller", controller);
    for (Outcome.Kind kind : Outcome.Kind.values()) {
      reconciles.put(kind, registry.counter(RECONCILES, tags.and("outcome", kind.tag())));
    }
    errors = registry.counter(ERRORS, tags);
    blocking = registry.counter(BLOCKING, tags);
    duration = registry.timer(DURATION, tags);
    queueLatency = registry.timer(QUEUE_LATENCY, tags);
    gauges.add(Gauge.builder(QUEUE_DEPTH, queueDepth::getAsInt).tags(tags).register(registry));
    gauges.add(
        Gauge.builder(ACTIVE_WORKERS, activeWorkers::getAsInt).tags(tags).register(registry));
    gauges.add(Gauge.builder(MAX_WORKERS, () -> maxWorkers).tags(tags).register(registry));
  }

  /** Counts one reconcile that ended with {@code kind} after {@code took}. */
  public void reconciled(Outcome.Kind kind, Duration took) {
    reconciles.get(kind).increment();
    if (kind.isFailure()) {
      errors.increment();
    }
    duration.record(took);
  }

  /** Records how long a request was ready before a worker took it. */
  public void waited(Duration waited) {
    queueLatency.record(waited);
  }

  /** Counts one blocking {@code reconcile()} call. */
  public void blocked() {
    blocking.increment();
  }

  /** Removes the gauges, which read this controller's live state. */
  public void close() {
    gauges.forEach(registry::remove);
  }
}
