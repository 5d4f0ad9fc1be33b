package io.bosun.agent.pod;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a pod, worth a Kubernetes Event ({@code kubectl describe pod} shows
 * them). Reasons and messages are the kubelet's: Created, Started, Killing, Unhealthy, BackOff,
 * Failed, FailedMount, ...
 *
 * @param namespace the pod's namespace
 * @param podName the pod's name
 * @param podUid the pod's UID
 * @param fieldPath the part of the pod, {@code spec.containers{name}}, or null for the whole pod
 * @param type {@link #NORMAL} or {@link #WARNING}
 * @param reason a short CamelCase reason
 * @param message a sentence for people
 * @param time when it happened
 */
public record PodEvent(
    String namespace,
    String podName,
    String podUid,
    String fieldPath,
    String type,
    String reason,
    String message,
    Instant time) {
  /** The type of an event of normal operation. */
  public static final String NORMAL = "Normal";

  /** The type of an event that needs attention. */
  public static final String WARNING = "Warning";

  /** Checks the fields. */
  public PodEvent {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(podName, "podName");
    Objects.requireNonNull(podUid, "podUid");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(time, "time");
  }
}
