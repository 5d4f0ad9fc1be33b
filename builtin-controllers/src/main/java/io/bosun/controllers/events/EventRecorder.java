package io.bosun.controllers.events;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Records core/v1 Events about objects, as Kubernetes' controllers do, for {@code kubectl describe}
 * and {@code kubectl get events}. Recording is fire-and-forget: a lost event costs nothing but the
 * message, so a failed write is logged at debug level and never fails a reconcile.
 */
public final class EventRecorder {
  /** An event about normal operation. */
  public static final String NORMAL = "Normal";

  /** An event about something that went wrong. */
  public static final String WARNING = "Warning";

  private static final Logger LOG = Logger.getLogger(EventRecorder.class);

  private final ResourceClient<Event> events;
  private final String component;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  /** A recorder that reports as {@code component} (such as {@code replicaset-controller}). */
  public EventRecorder(KubeClient client, String component, Clock clock) {
    this.events = Objects.requireNonNull(client, "client").resources(Event.class);
    this.component = Objects.requireNonNull(component, "component");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records an event of {@code type} with a machine-readable {@code reason} about {@code about}.
   */
  public void record(HasMetadata about, String type, String reason, String message) {
    String namespace = about.getMetadata().getNamespace();
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                about.getMetadata().getName()
                    + "."
                    + Long.toHexString(clock.millis() * 1000 + sequence.incrementAndGet() % 1000))
            .withNamespace(namespace == null || namespace.isEmpty() ? "default" : namespace)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(about.getApiVersion())
            .withKind(about.getKind())
            .withNamespace(namespace)
            .withName(about.getMetadata().getName())
            .withUid(about.getMetadata().getUid())
            .withResourceVersion(about.getMetadata().getResourceVersion())
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withNewSource()
            .withComponent(component)
            .endSource()
            .withReportingComponent(component)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    events
        .create(event)
        .subscribe()
        .with(
            created -> {},
            failure -> LOG.debugf("event %s %s not recorded: %s", reason, message, failure));
  }
}
