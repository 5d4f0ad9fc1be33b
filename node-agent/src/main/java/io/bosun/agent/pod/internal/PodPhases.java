package io.bosun.agent.pod.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Optional;

/** The pod phase from its container statuses: the kubelet's getPhase, rule for rule. */
final class PodPhases {
  private PodPhases() {}

  static String phase(
      PodSpec spec,
      List<ContainerStatus> inits,
      List<ContainerStatus> containers,
      boolean terminal) {
    int pendingInitialization = 0;
    int failedInitialization = 0;
    List<Container> initSpecs =
        spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
    for (Container init : initSpecs) {
      if (restartable(init)) {
        continue;
      }
      Optional<ContainerStatus> found = find(inits, init.getName());
      if (found.isEmpty()) {
        pendingInitialization++;
        continue;
      }
      var state = found.get().getState();
      var last = found.get().getLastState();
      if (state.getRunning() != null) {
        pendingInitialization++;
      } else if (state.getTerminated() != null) {
        if (state.getTerminated().getExitCode() != 0) {
          failedInitialization++;
        }
      } else if (state.getWaiting() != null) {
        if (last != null && last.getTerminated() != null) {
          if (last.getTerminated().getExitCode() != 0) {
            failedInitialization++;
          }
        } else {
          pendingInitialization++;
        }
      } else {
        pendingInitialization++;
      }
    }
    int unknown = 0;
    int running = 0;
    int waiting = 0;
    int stopped = 0;
    int succeeded = 0;
    for (Container init : initSpecs) {
      if (!restartable(init)) {
        continue;
      }
      Optional<ContainerStatus> found = find(inits, init.getName());
      if (found.isEmpty()) {
        unknown++;
        continue;
      }
      var state = found.get().getState();
      if (state.getRunning() != null) {
        if (!Boolean.TRUE.equals(found.get().getStarted())) {
          pendingInitialization++;
        }
        running++;
      } else if (state.getWaiting() != null) {
        var last = found.get().getLastState();
        if (last == null || last.getTerminated() == null) {
          pendingInitialization++;
          waiting++;
        }
      } else if (state.getTerminated() == null) {
        pendingInitialization++;
        unknown++;
      }
    }
    for (Container container : spec.getContainers()) {
      Optional<ContainerStatus> found = find(containers, container.getName());
      if (found.isEmpty()) {
        unknown++;
        continue;
      }
      var state = found.get().getState();
      var last = found.get().getLastState();
      if (state.getRunning() != null) {
        running++;
      } else if (state.getTerminated() != null) {
        stopped++;
        if (state.getTerminated().getExitCode() == 0) {
          succeeded++;
        }
      } else if (state.getWaiting() != null) {
        if (last != null && last.getTerminated() != null) {
          stopped++;
        } else {
          waiting++;
        }
      } else {
        unknown++;
      }
    }
    String policy = spec.getRestartPolicy() == null ? "Always" : spec.getRestartPolicy();
    if (failedInitialization > 0 && policy.equals("Never")) {
      return "Failed";
    }
    if ((pendingInitialization > 0 && !anyRegularStarted(containers)) || waiting > 0) {
      return "Pending";
    }
    if (running > 0 && unknown == 0) {
      return "Running";
    }
    if (running == 0 && stopped > 0 && unknown == 0) {
      if (terminal) {
        return stopped == succeeded ? "Succeeded" : "Failed";
      }
      if (policy.equals("Always")) {
        return "Running";
      }
      if (stopped == succeeded) {
        return "Succeeded";
      }
      if (policy.equals("Never")) {
        return "Failed";
      }
      return "Running";
    }
    return "Pending";
  }

  /** Whether any regular container is running or has terminated (HasAnyRegularContainerStarted). */
  static boolean anyRegularStarted(List<ContainerStatus> containers) {
    for (ContainerStatus status : containers) {
      if (status.getState().getRunning() != null || status.getState().getTerminated() != null) {
        return true;
      }
    }
    return false;
  }

  static boolean restartable(Container init) {
    return "Always".equals(init.getRestartPolicy());
  }

  static Optional<ContainerStatus> find(List<ContainerStatus> statuses, String name) {
    return statuses.stream().filter(s -> s.getName().equals(name)).findFirst();
  }
}
