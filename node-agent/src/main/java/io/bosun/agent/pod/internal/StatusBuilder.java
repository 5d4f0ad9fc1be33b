package io.bosun.agent.pod.internal;

import io.bosun.agent.runtime.ContainerExit;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod's status from the worker's state, as the kubelet's generateAPIPodStatus makes it: container
 * states, then the phase ({@link PodPhases}), then the conditions ({@link PodConditions}).
 */
final class StatusBuilder {
  private StatusBuilder() {}

  /** What the status is made from. */
  record Input(
      Pod pod,
      List<ContainerSlot> initContainers,
      List<ContainerSlot> containers,
      String podIP,
      String hostIP,
      Instant startTime,
      boolean sandboxReady,
      boolean podIsTerminal,
      PodStatus previous,
      String runtimeType,
      String limitsNotEnforced,
      Instant now) {}

  static PodStatus build(Input in) {
    boolean hasInit = !in.initContainers().isEmpty();
    List<ContainerStatus> inits = new ArrayList<>();
    for (ContainerSlot slot : in.initContainers()) {
      inits.add(containerStatus(slot, hasInit, in.runtimeType()));
    }
    List<ContainerStatus> regular = new ArrayList<>();
    for (ContainerSlot slot : in.containers()) {
      regular.add(containerStatus(slot, hasInit, in.runtimeType()));
    }
    PodStatus status = new PodStatus();
    String phase = PodPhases.phase(in.pod().getSpec(), inits, regular, in.podIsTerminal());
    String before = in.previous() == null ? null : in.previous().getPhase();
    // Pods never leave a terminal phase.
    if (("Failed".equals(before) || "Succeeded".equals(before)) && !phase.equals(before)) {
      phase = before;
    }
    status.setPhase(phase);
    status.setConditions(PodConditions.of(in, inits, regular, phase));
    status.setHostIP(in.hostIP());
    status.setHostIPs(List.of(new HostIP(in.hostIP())));
    if (in.podIP() != null) {
      status.setPodIP(in.podIP());
      status.setPodIPs(List.of(new PodIP(in.podIP())));
    }
    if (in.startTime() != null) {
      status.setStartTime(time(in.startTime()));
    }
    if (hasInit) {
      status.setInitContainerStatuses(inits);
    }
    status.setContainerStatuses(regular);
    var existing = in.pod().getStatus();
    status.setQosClass(
        existing != null && existing.getQosClass() != null
            ? existing.getQosClass()
            : QosClass.of(in.pod().getSpec()));
    return status;
  }

  private static ContainerStatus containerStatus(
      ContainerSlot slot, boolean podHasInit, String runtimeType) {
    ContainerStatusBuilder builder =
        new ContainerStatusBuilder()
            .withName(slot.name)
            .withImage(slot.spec.getImage())
            .withImageID(slot.spec.getImage() == null ? "" : slot.spec.getImage())
            .withRestartCount(slot.restartCount)
            .withReady(slot.ready())
            .withStarted(slot.running() && slot.started);
    Run current = slot.current;
    ContainerState state;
    ContainerState last =
        slot.previous == null ? new ContainerState() : terminated(slot.previous, runtimeType);
    if (current == null) {
      Waiting waiting =
          slot.waiting != null
              ? slot.waiting
              : new Waiting(
                  podHasInit ? Waiting.POD_INITIALIZING : Waiting.CONTAINER_CREATING, null);
      state = waiting(waiting);
    } else {
      if (current.containerId != null) {
        builder.withContainerID(runtimeType + "://" + current.containerId);
      }
      if (current.running()) {
        state = new ContainerState();
        state.setRunning(new ContainerStateRunning(time(current.startedAt)));
      } else if (slot.waiting != null) {
        state = waiting(slot.waiting);
        last = terminated(current, runtimeType);
      } else {
        state = terminated(current, runtimeType);
      }
    }
    return builder.withState(state).withLastState(last).build();
  }

  private static ContainerState waiting(Waiting waiting) {
    ContainerStateWaiting state = new ContainerStateWaiting();
    state.setReason(waiting.reason());
    state.setMessage(waiting.message());
    ContainerState container = new ContainerState();
    container.setWaiting(state);
    return container;
  }

  private static ContainerState terminated(Run run, String runtimeType) {
    ContainerExit exit = run.exit;
    ContainerStateTerminated terminated = new ContainerStateTerminated();
    terminated.setExitCode(exit.exitCode());
    terminated.setReason(exit.reason());
    terminated.setMessage(exit.message());
    terminated.setStartedAt(time(run.startedAt));
    terminated.setFinishedAt(time(exit.finishedAt()));
    if (run.containerId != null) {
      terminated.setContainerID(runtimeType + "://" + run.containerId);
    }
    ContainerState state = new ContainerState();
    state.setTerminated(terminated);
    return state;
  }

  /** RFC 3339 at whole seconds, as Kubernetes' metav1.Time. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Conditions the status keeps as they are in the pod: those the kubelet does not own. */
  static List<PodCondition> foreignConditions(Pod pod) {
    List<PodCondition> kept = new ArrayList<>();
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      for (PodCondition condition : pod.getStatus().getConditions()) {
        if (!PodConditions.OWNED.contains(condition.getType())) {
          kept.add(condition);
        }
      }
    }
    return kept;
  }
}
