package io.bosun.agent.pod.internal;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.logs.internal.CriLogReader;
import io.bosun.core.api.Status;
import io.bosun.core.api.StatusException;
import io.smallrye.mutiny.Multi;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Picks the log a {@code pods/log} request asks for (the container, this run or the previous one)
 * and answers with the kubelet's errors when there is none.
 */
final class PodLogs {
  private PodLogs() {}

  /** The log; called on the pod's thread, so that the runs it reads do not change meanwhile. */
  static Multi<byte[]> open(
      PodWorker worker, LogOptions options, Clock clock, ScheduledExecutorService executor) {
    PodState state = worker.state;
    String pod = state.pod.getMetadata().getName();
    String name = options.container();
    if (name == null || name.isEmpty()) {
      List<ContainerSlot> containers = state.containers();
      if (containers.size() != 1) {
        List<String> inits = state.initContainers().stream().map(s -> s.name).toList();
        throw badRequest(
            "a container name must be specified for pod "
                + pod
                + ", choose one of: "
                + PodConditions.goList(containers.stream().map(s -> s.name).toList())
                + (inits.isEmpty()
                    ? ""
                    : " or one of the init containers: " + PodConditions.goList(inits)));
      }
      name = containers.get(0).name;
    }
    ContainerSlot slot = state.slots.get(name);
    if (slot == null) {
      throw badRequest("container " + name + " is not valid for pod " + pod);
    }
    Path file;
    BooleanSupplier running;
    if (options.previous()) {
      if (slot.previous == null) {
        throw badRequest(
            "previous terminated container \"" + name + "\" in pod \"" + pod + "\" not found");
      }
      file = worker.logFile(name, slot.restartCount - 1);
      running = () -> false;
    } else {
      if (slot.current == null) {
        String reason = slot.waiting != null ? slot.waiting.reason() : "ContainerCreating";
        throw badRequest(
            "container \"" + name + "\" in pod \"" + pod + "\" is waiting to start: " + reason);
      }
      Run run = slot.current;
      file = worker.logFile(name, slot.restartCount);
      running = run::running;
    }
    return CriLogReader.read(file, options, running, clock, executor);
  }

  private static StatusException badRequest(String message) {
    return new StatusException(Status.badRequest(message));
  }
}
