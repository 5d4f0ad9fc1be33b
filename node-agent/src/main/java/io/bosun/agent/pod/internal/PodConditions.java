package io.bosun.agent.pod.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The conditions the kubelet owns: PodReadyToStartContainers, Initialized, Ready and
 * ContainersReady, with the kubelet's reasons and messages; PodScheduled and other conditions are
 * kept from the pod (PodScheduled added as True if missing, since the pod is here). A transition
 * time changes only when the condition's status does.
 */
final class PodConditions {
  static final String LIMITS_ENFORCED = "bosun.io/ResourceLimitsEnforced";
  static final Set<String> OWNED =
      Set.of(
          "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", LIMITS_ENFORCED);

  private PodConditions() {}

  static List<PodCondition> of(
      StatusBuilder.Input in,
      List<ContainerStatus> inits,
      List<ContainerStatus> regular,
      String phase) {
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(in, "PodReadyToStartContainers", in.sandboxReady(), null, null));
    conditions.add(initialized(in, inits, regular, phase));
    PodCondition containersReady = containersReady(in, inits, regular, phase);
    conditions.add(ready(in, containersReady));
    conditions.add(containersReady);
    List<PodCondition> foreign = StatusBuilder.foreignConditions(in.pod());
    if (foreign.stream().noneMatch(c -> "PodScheduled".equals(c.getType()))) {
      conditions.add(condition(in, "PodScheduled", true, null, null));
    }
    conditions.addAll(foreign);
    if (in.limitsNotEnforced() != null) {
      conditions.add(
          condition(in, LIMITS_ENFORCED, false, "CgroupsUnavailable", in.limitsNotEnforced()));
    }
    return conditions;
  }

  private static PodCondition initialized(
      StatusBuilder.Input in,
      List<ContainerStatus> inits,
      List<ContainerStatus> regular,
      String phase) {
    List<String> incomplete = new ArrayList<>();
    List<Container> specs =
        in.pod().getSpec().getInitContainers() == null
            ? List.of()
            : in.pod().getSpec().getInitContainers();
    for (Container init : specs) {
      Optional<ContainerStatus> status = PodPhases.find(inits, init.getName());
      if (status.isEmpty()) {
        continue;
      }
      if (PodPhases.restartable(init)) {
        if (!Boolean.TRUE.equals(status.get().getStarted())) {
          incomplete.add(init.getName());
        }
      } else {
        var terminated = status.get().getState().getTerminated();
        if (terminated == null || terminated.getExitCode() != 0) {
          incomplete.add(init.getName());
        }
      }
    }
    if ("Succeeded".equals(phase)) {
      return condition(in, "Initialized", true, "PodCompleted", null);
    }
    if (PodPhases.anyRegularStarted(regular) || incomplete.isEmpty()) {
      return condition(in, "Initialized", true, null, null);
    }
    return condition(
        in,
        "Initialized",
        false,
        "ContainersNotInitialized",
        "containers with incomplete status: " + goList(incomplete));
  }

  private static PodCondition containersReady(
      StatusBuilder.Input in,
      List<ContainerStatus> inits,
      List<ContainerStatus> regular,
      String phase) {
    if ("Succeeded".equals(phase)) {
      return condition(in, "ContainersReady", false, "PodCompleted", null);
    }
    if ("Failed".equals(phase)) {
      return condition(in, "ContainersReady", false, "PodFailed", null);
    }
    List<String> unready = new ArrayList<>();
    List<Container> initSpecs =
        in.pod().getSpec().getInitContainers() == null
            ? List.of()
            : in.pod().getSpec().getInitContainers();
    for (Container init : initSpecs) {
      if (PodPhases.restartable(init)) {
        PodPhases.find(inits, init.getName())
            .filter(s -> !Boolean.TRUE.equals(s.getReady()))
            .ifPresent(s -> unready.add(init.getName()));
      }
    }
    for (Container container : in.pod().getSpec().getContainers()) {
      PodPhases.find(regular, container.getName())
          .filter(s -> !Boolean.TRUE.equals(s.getReady()))
          .ifPresent(s -> unready.add(container.getName()));
    }
    if (!unready.isEmpty()) {
      return condition(
          in,
          "ContainersReady",
          false,
          "ContainersNotReady",
          "containers with unready status: " + goList(unready));
    }
    return condition(in, "ContainersReady", true, null, null);
  }

  private static PodCondition ready(StatusBuilder.Input in, PodCondition containersReady) {
    if (!"True".equals(containersReady.getStatus())) {
      return condition(
          in, "Ready", false, containersReady.getReason(), containersReady.getMessage());
    }
    List<String> unready = new ArrayList<>();
    List<PodReadinessGate> gates =
        in.pod().getSpec().getReadinessGates() == null
            ? List.of()
            : in.pod().getSpec().getReadinessGates();
    List<PodCondition> foreign = StatusBuilder.foreignConditions(in.pod());
    for (PodReadinessGate gate : gates) {
      Optional<PodCondition> found =
          foreign.stream().filter(c -> gate.getConditionType().equals(c.getType())).findFirst();
      if (found.isEmpty()) {
        unready.add(
            "corresponding condition of pod readiness gate \""
                + gate.getConditionType()
                + "\" does not exist.");
      } else if (!"True".equals(found.get().getStatus())) {
        unready.add(
            "the status of pod readiness gate \""
                + gate.getConditionType()
                + "\" is not \"True\", but "
                + found.get().getStatus());
      }
    }
    if (!unready.isEmpty()) {
      return condition(in, "Ready", false, "ReadinessGatesNotReady", String.join(", ", unready));
    }
    return condition(in, "Ready", true, null, null);
  }

  private static PodCondition condition(
      StatusBuilder.Input in, String type, boolean status, String reason, String message) {
    PodCondition condition = new PodCondition();
    condition.setType(type);
    condition.setStatus(status ? "True" : "False");
    condition.setReason(reason);
    condition.setMessage(message);
    condition.setLastTransitionTime(transitionTime(in, type, condition.getStatus()));
    return condition;
  }

  private static String transitionTime(StatusBuilder.Input in, String type, String status) {
    for (var source :
        new io.fabric8.kubernetes.api.model.PodStatus[] {in.previous(), in.pod().getStatus()}) {
      if (source == null || source.getConditions() == null) {
        continue;
      }
      for (PodCondition old : source.getConditions()) {
        if (type.equals(old.getType())
            && status.equals(old.getStatus())
            && old.getLastTransitionTime() != null) {
          return old.getLastTransitionTime();
        }
        if (type.equals(old.getType())) {
          return StatusBuilder.time(in.now());
        }
      }
    }
    return StatusBuilder.time(in.now());
  }

  /** A list as Go's %s prints a []string: [a b]. */
  static String goList(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }
}
