package io.bosun.agent.pod.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a pod worker knows; changed only on the pod's thread, and checkpointed. */
final class PodState {
  /** The kubelet's default termination grace period: 30 s. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  Pod pod;
  final PodLayout layout;
  final Map<String, ContainerSlot> slots = new LinkedHashMap<>();
  String podIP;
  Map<String, Path> volumeDirs;
  boolean volumesDue;
  Instant volumesRefreshedAt = Instant.EPOCH;
  String sandboxError;
  Instant startTime;
  boolean initDone;
  boolean terminating;

  /** Terminating, and waiting for the node's traffic to leave the pod before stopping it. */
  boolean draining;

  Duration terminationGrace;
  boolean removeRequested;
  boolean removed;
  Runnable onStopped = () -> {};
  boolean dirty = true;
  boolean limitsEventSent;
  boolean finishedHandled;

  PodState(Pod pod, PodLayout layout) {
    this.pod = pod;
    this.layout = layout;
    PodSpec spec = pod.getSpec();
    for (Container init : orEmpty(spec.getInitContainers())) {
      slots.put(init.getName(), new ContainerSlot(init.getName(), true, init, new Backoff()));
    }
    for (Container container : spec.getContainers()) {
      slots.put(
          container.getName(),
          new ContainerSlot(container.getName(), false, container, new Backoff()));
    }
  }

  List<ContainerSlot> initContainers() {
    return slots.values().stream().filter(s -> s.init).toList();
  }

  List<ContainerSlot> containers() {
    return slots.values().stream().filter(s -> !s.init).toList();
  }

  boolean sandboxReady() {
    return podIP != null && volumeDirs != null;
  }

  /** The pod's termination grace period. */
  Duration gracePeriod() {
    Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    return seconds == null ? DEFAULT_GRACE : Duration.ofSeconds(seconds);
  }

  /** Whether no container runs or is being started. */
  boolean nothingRuns() {
    return slots.values().stream().noneMatch(s -> s.running() || s.starting);
  }

  /**
   * Whether the pod has ended without being deleted: an init container failed under restartPolicy
   * Never, or every container has exited and none will be restarted.
   */
  boolean finished(String restartPolicy) {
    if (!initDone) {
      return restartPolicy.equals("Never")
          && initContainers().stream()
              .anyMatch(
                  s ->
                      !s.sidecar()
                          && s.current != null
                          && s.current.exit != null
                          && !s.current.succeeded());
    }
    for (ContainerSlot slot : containers()) {
      if (slot.current == null || slot.running() || slot.starting || slot.restartRequested) {
        return false;
      }
      boolean restarts =
          switch (restartPolicy) {
            case "Never" -> false;
            case "OnFailure" -> !slot.current.succeeded();
            default -> true;
          };
      if (restarts) {
        return false;
      }
    }
    return true;
  }

  boolean finished() {
    String policy = pod.getSpec().getRestartPolicy();
    return finished(policy == null ? "Always" : policy);
  }

  boolean hasLimits() {
    return allContainers(pod.getSpec()).stream()
        .anyMatch(
            c ->
                c.getResources() != null
                    && c.getResources().getLimits() != null
                    && !c.getResources().getLimits().isEmpty());
  }

  static List<Container> allContainers(PodSpec spec) {
    List<Container> all = new ArrayList<>(orEmpty(spec.getInitContainers()));
    all.addAll(spec.getContainers());
    return all;
  }

  /**
   * Whether a container's spec changed in a way that needs a new run: anything but its resources
   * (which a process runtime could resize in place).
   */
  static boolean changed(Container before, Container after) {
    Container a =
        new io.fabric8.kubernetes.api.model.ContainerBuilder(before).withResources(null).build();
    Container b =
        new io.fabric8.kubernetes.api.model.ContainerBuilder(after).withResources(null).build();
    return !Objects.equals(a, b);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
