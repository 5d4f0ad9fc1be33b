package io.bosun.agent.sync.internal;

import io.bosun.agent.pod.PodEvent;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Records core/v1 Events from component {@value #COMPONENT} on this node, as client-go's event
 * recorder does for the kubelet: an event that repeats one already recorded (same object, reason,
 * type and message) raises that event's {@code count} and {@code lastTimestamp} instead of making a
 * new one. Writes are fire and forget: a lost event is logged, never retried.
 */
public final class EventRecorder {
  /** The reporting component. */
  public static final String COMPONENT = "kubelet";

  /** How many distinct events are remembered for aggregation. */
  static final int REMEMBERED = 4096;

  private static final Logger LOG = Logger.getLogger(EventRecorder.class);

  private final ResourceClient<Event> events;
  private final String host;
  private final Clock clock;
  private final Map<Key, Recorded> recorded =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Recorded> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** A recorder writing through {@code events} as the agent of node {@code host}. */
  public EventRecorder(ResourceClient<Event> events, String host, Clock clock) {
    this.events = events;
    this.host = host;
    this.clock = clock;
  }

  /** What makes two events the same one. */
  private record Key(String uid, String fieldPath, String type, String reason, String message) {}

  /** An event written: its namespace, name and count so far. */
  private static final class Recorded {
    final String namespace;
    final String name;
    int count = 1;

    Recorded(String namespace, String name) {
      this.namespace = namespace;
      this.name = name;
    }
  }

  /** Records an event of a pod. */
  public void pod(PodEvent event) {
    ObjectReference pod =
        new ObjectReferenceBuilder()
            .withApiVersion("v1")
            .withKind("Pod")
            .withNamespace(event.namespace())
            .withName(event.podName())
            .withUid(event.podUid())
            .withFieldPath(event.fieldPath())
            .build();
    record(pod, event.type(), event.reason(), event.message(), event.time());
  }

  /** Records an event of this node; node events live in the {@code default} namespace. */
  public void node(String type, String reason, String message) {
    // The kubelet refers to its node with the node's name as UID.
    ObjectReference node =
        new ObjectReferenceBuilder()
            .withKind("Node")
            .withName(host)
            .withUid(host)
            .withNamespace("")
            .build();
    record(node, type, reason, message, clock.instant());
  }

  private void record(
      ObjectReference object, String type, String reason, String message, Instant time) {
    String namespace =
        object.getNamespace() == null || object.getNamespace().isEmpty()
            ? "default"
            : object.getNamespace();
    Key key =
        new Key(
            Objects.requireNonNullElse(object.getUid(), ""),
            Objects.requireNonNullElse(object.getFieldPath(), ""),
            type,
            reason,
            message);
    String stamp = time.truncatedTo(ChronoUnit.SECONDS).toString();
    Recorded entry;
    int count;
    synchronized (recorded) {
      entry = recorded.get(key);
      if (entry == null) {
        entry = new Recorded(namespace, object.getName() + "." + Long.toHexString(nanos(time)));
        recorded.put(key, entry);
      } else {
        entry.count++;
      }
      count = entry.count;
    }
    if (count > 1) {
      Map<String, Object> patch = Map.of("count", count, "lastTimestamp", stamp);
      events
          .patch(entry.namespace, entry.name, Patch.merge(patch))
          .subscribe()
          .with(
              ok -> {},
              failure -> {
                if (failure instanceof NotFoundException) {
                  forget(key); // expired or deleted: the next repeat records a new event
                }
                lost(reason, failure);
              });
      return;
    }
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(entry.name)
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(object)
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withNewSource(COMPONENT, host)
            .withFirstTimestamp(stamp)
            .withLastTimestamp(stamp)
            .withCount(1)
            .withReportingComponent(COMPONENT)
            .withReportingInstance(host)
            .build();
    events.create(event).subscribe().with(ok -> {}, failure -> lost(reason, failure));
  }

  private void forget(Key key) {
    synchronized (recorded) {
      recorded.remove(key);
    }
  }

  private static long nanos(Instant time) {
    return time.getEpochSecond() * 1_000_000_000L + time.getNano();
  }

  private static void lost(String reason, Throwable failure) {
    LOG.debugf("event %s not recorded: %s", reason, failure.getMessage());
  }
}
