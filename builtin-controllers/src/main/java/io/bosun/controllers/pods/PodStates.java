package io.bosun.controllers.pods;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What the workload controllers read from a pod's status: activity, readiness, availability. */
public final class PodStates {
  /** The pod phase of a pod that ran to completion. */
  public static final String SUCCEEDED = "Succeeded";

  /** The pod phase of a pod whose containers failed for good. */
  public static final String FAILED = "Failed";

  private PodStates() {}

  /**
   * Whether the pod counts towards its controller's replicas: not finished (Succeeded or Failed)
   * and not being deleted.
   */
  public static boolean isActive(Pod pod) {
    String phase = phase(pod);
    return !SUCCEEDED.equals(phase)
        && !FAILED.equals(phase)
        && pod.getMetadata().getDeletionTimestamp() == null;
  }

  /** The pod's phase, {@code ""} when it has none yet. */
  public static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? ""
        : pod.getStatus().getPhase();
  }

  /** Whether the pod's {@code Ready} condition is {@code True}. */
  public static boolean isReady(Pod pod) {
    return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /**
   * When the pod last became ready, if it is ready. A ready pod without a transition time counts as
   * ready since forever, as in Kubernetes.
   */
  public static Optional<Instant> readySince(Pod pod) {
    return readyCondition(pod)
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> parseTime(c.getLastTransitionTime()).orElse(Instant.EPOCH));
  }

  /** Whether the pod has been ready for at least {@code minReadySeconds} at {@code now}. */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    Optional<Instant> since = readySince(pod);
    if (since.isEmpty()) {
      return false;
    }
    return minReadySeconds <= 0 || !since.get().plusSeconds(minReadySeconds).isAfter(now);
  }

  /**
   * How long until a ready pod becomes available; empty when it is not ready or already available.
   */
  public static Optional<Duration> untilAvailable(Pod pod, int minReadySeconds, Instant now) {
    return readySince(pod)
        .map(since -> Duration.between(now, since.plusSeconds(minReadySeconds)))
        .filter(d -> !d.isNegative() && !d.isZero());
  }

  /** The sum of its containers' restart counts. */
  public static int restarts(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    int total = 0;
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      total += status.getRestartCount() == null ? 0 : status.getRestartCount();
    }
    return total;
  }

  /** Reads a Kubernetes timestamp (RFC 3339); empty when absent or unreadable. */
  public static Optional<Instant> parseTime(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(timestamp));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<PodCondition> readyCondition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }
}
