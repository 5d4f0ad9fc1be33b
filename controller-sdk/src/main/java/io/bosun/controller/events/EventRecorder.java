package io.bosun.controller.events;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.events.internal.DefaultEventRecorder;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.util.Objects;

/**
 * Records Kubernetes Events about objects, for people reading {@code kubectl describe}. Recording
 * never blocks, and the server's failures never reach the caller: events are written in the
 * background and are best effort, as Kubernetes' own recorders make them.
 *
 * <p>Repeats are aggregated: the same event (same object, related object, type, reason, action and
 * note) within the series window counts into the first one instead of making a new one; the second
 * occurrence is written at once, later counts at the series refresh interval and at {@link
 * #flush()}. New events are rate-limited per object (a burst, then one per refill interval); those
 * over the limit are dropped.
 *
 * <pre>{@code
 * EventRecorder events = EventRecorder.create(client,
 *     EventRecorderOptions.builder("example.com/site-controller").build());
 * events.normal(site, "Created", "Created Deployment " + name);
 * events.warning(site, "InvalidSpec", "spec.replicas must not be negative");
 * }</pre>
 */
public interface EventRecorder extends AutoCloseable {

  /** A recorder on the system clock. */
  static EventRecorder create(KubeClient client, EventRecorderOptions options) {
    return create(client, options, Scheduler.system());
  }

  /** A recorder whose clock and timers are {@code scheduler}'s. */
  static EventRecorder create(
      KubeClient client, EventRecorderOptions options, Scheduler scheduler) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(scheduler, "scheduler");
    return new DefaultEventRecorder(client, options, scheduler);
  }

  /**
   * Records an event.
   *
   * @param regarding the object the event is about; it needs a name (and for the event to be found
   *     by {@code kubectl describe}, the uid the server gave it)
   * @param related a second object involved, or null
   * @param type normal or warning
   * @param reason why, in UpperCamelCase, such as {@code Created}; at most 128 characters
   * @param action what was done or failed, such as {@code Reconcile}; at most 128 characters
   * @param note a human-readable description; cut to 1 KiB
   * @throws IllegalArgumentException if a required argument is empty or too long
   */
  void record(
      HasMetadata regarding,
      HasMetadata related,
      EventType type,
      String reason,
      String action,
      String note);

  /** Records a normal event whose action is its reason. */
  default void normal(HasMetadata regarding, String reason, String note) {
    record(regarding, null, EventType.NORMAL, reason, reason, note);
  }

  /** Records a warning whose action is its reason. */
  default void warning(HasMetadata regarding, String reason, String note) {
    record(regarding, null, EventType.WARNING, reason, reason, note);
  }

  /**
   * Writes every count not written yet.
   *
   * @return completes when the writes in flight have ended (whether or not they succeeded)
   */
  @CheckReturnValue
  Uni<Void> flush();

  /**
   * Flushes, waits for it, and stops the recorder's timer; later events are dropped. Must not be
   * called on an event-loop thread.
   */
  @Override
  void close();
}
