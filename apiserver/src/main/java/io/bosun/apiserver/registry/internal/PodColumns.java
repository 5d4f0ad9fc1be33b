package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.internal.Columns.conditionTrue;
import static io.bosun.apiserver.registry.internal.Columns.orNone;
import static io.bosun.apiserver.registry.internal.Columns.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.Ages;
import io.bosun.apiserver.registry.TableColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pod table: READY, STATUS, RESTARTS as kubectl 1.32 shows them, worked out from the container
 * states as kube-apiserver's pod printer does, and the wide IP, NODE, NOMINATED NODE and READINESS
 * GATES.
 */
final class PodColumns {
  private PodColumns() {}

  static final List<TableColumn> PODS =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Ready",
              "string",
              "The aggregate readiness state of this pod for accepting traffic.",
              o -> {
                Summary s = Summary.of(o);
                return s.ready + "/" + s.total;
              }),
          TableColumn.of(
              "Status",
              "string",
              "The aggregate status of the containers in this pod.",
              o -> Summary.of(o).reason),
          TableColumn.timed(
              "Restarts",
              "string",
              "The number of times the containers in this pod have been restarted and when the"
                  + " last container in this pod has restarted.",
              (o, now) -> Summary.of(o).restarts(now)),
          TableColumn.AGE,
          TableColumn.wide("IP", "string", "IP address allocated to the pod.", PodColumns::ip),
          TableColumn.wide(
              "Node",
              "string",
              "The node the pod is scheduled onto.",
              o -> orNone(text(o, "/spec/nodeName"))),
          TableColumn.wide(
              "Nominated Node",
              "string",
              "The node the scheduler nominated for the pod after a preemption.",
              o -> orNone(text(o, "/status/nominatedNodeName"))),
          TableColumn.wide(
              "Readiness Gates",
              "string",
              "The pod's readiness gates whose conditions are True.",
              PodColumns::readinessGates));

  private static String ip(JsonNode pod) {
    String ip = text(pod, "/status/podIPs/0/ip");
    return orNone(ip.isEmpty() ? text(pod, "/status/podIP") : ip);
  }

  private static String readinessGates(JsonNode pod) {
    JsonNode gates = pod.at("/spec/readinessGates");
    if (gates.isEmpty()) {
      return Columns.NONE;
    }
    int met = 0;
    for (JsonNode gate : gates) {
      if (conditionTrue(pod.at("/status/conditions"), gate.path("conditionType").asText(""))) {
        met++;
      }
    }
    return met + "/" + gates.size();
  }

  /** Readiness, status reason and restarts of one pod, in the order kube's printer decides them. */
  private static final class Summary {
    int ready;
    int total;
    String reason;
    int restarts;
    Instant lastRestart;
    int sidecarRestarts;
    Instant lastSidecarRestart;

    static Summary of(JsonNode pod) {
      Summary s = new Summary();
      s.summarize(pod);
      return s;
    }

    String restarts(Instant now) {
      if (restarts == 0 || lastRestart == null) {
        return String.valueOf(restarts);
      }
      return restarts + " (" + Ages.humanDuration(Duration.between(lastRestart, now)) + " ago)";
    }

    private void summarize(JsonNode pod) {
      JsonNode status = pod.path("status");
      JsonNode conditions = status.path("conditions");
      String phase = status.path("phase").asText("");
      reason = status.path("reason").asText("");
      if (reason.isEmpty()) {
        reason = phase;
      }
      for (JsonNode condition : conditions) {
        if (condition.path("type").asText("").equals("PodScheduled")
            && condition.path("reason").asText("").equals("SchedulingGated")) {
          reason = "SchedulingGated";
        }
      }
      total = pod.at("/spec/containers").size();
      // Sidecars (init containers that restart always) count as containers of the pod.
      Set<String> sidecars = new HashSet<>();
      for (JsonNode init : pod.at("/spec/initContainers")) {
        if (init.path("restartPolicy").asText("").equals("Always")) {
          sidecars.add(init.path("name").asText(""));
          total++;
        }
      }
      boolean initializing = initContainers(pod, sidecars);
      if (!initializing || conditionTrue(conditions, "Initialized")) {
        containers(status.path("containerStatuses"), conditions);
      }
      if (pod.at("/metadata/deletionTimestamp").isTextual()) {
        if (status.path("reason").asText("").equals("NodeLost")) {
          reason = "Unknown";
        } else if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
          reason = "Terminating";
        }
      }
    }

    /** Returns whether the pod is still initializing; sets the reason from the first init step. */
    private boolean initContainers(JsonNode pod, Set<String> sidecars) {
      JsonNode statuses = pod.at("/status/initContainerStatuses");
      for (int i = 0; i < statuses.size(); i++) {
        JsonNode container = statuses.get(i);
        int count = container.path("restartCount").asInt(0);
        Instant finished = finishedAt(container);
        restarts += count;
        lastRestart = later(lastRestart, finished);
        boolean sidecar = sidecars.contains(container.path("name").asText(""));
        if (sidecar) {
          sidecarRestarts += count;
          lastSidecarRestart = later(lastSidecarRestart, finished);
        }
        JsonNode terminated = container.at("/state/terminated");
        JsonNode waiting = container.at("/state/waiting");
        if (terminated.isObject() && terminated.path("exitCode").asInt(0) == 0) {
          continue;
        }
        if (sidecar && container.path("started").asBoolean(false)) {
          if (container.path("ready").asBoolean(false)) {
            ready++;
          }
          continue;
        }
        if (terminated.isObject()) {
          reason = "Init:" + terminatedReason(terminated);
        } else if (!waiting.path("reason").asText("").isEmpty()
            && !waiting.path("reason").asText("").equals("PodInitializing")) {
          reason = "Init:" + waiting.path("reason").asText("");
        } else {
          reason = "Init:" + i + "/" + pod.at("/spec/initContainers").size();
        }
        return true;
      }
      return false;
    }

    private void containers(JsonNode statuses, JsonNode conditions) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean running = false;
      // Backwards, so that the first container's state decides the reason.
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode container = statuses.get(i);
        restarts += container.path("restartCount").asInt(0);
        lastRestart = later(lastRestart, finishedAt(container));
        JsonNode waiting = container.at("/state/waiting");
        JsonNode terminated = container.at("/state/terminated");
        if (!waiting.path("reason").asText("").isEmpty()) {
          reason = waiting.path("reason").asText("");
        } else if (terminated.isObject()) {
          reason = terminatedReason(terminated);
        } else if (container.path("ready").asBoolean(false)
            && container.at("/state/running").isObject()) {
          running = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && running) {
        reason = conditionTrue(conditions, "Ready") ? "Running" : "NotReady";
      }
    }

    private static String terminatedReason(JsonNode terminated) {
      String reason = terminated.path("reason").asText("");
      if (!reason.isEmpty()) {
        return reason;
      }
      int signal = terminated.path("signal").asInt(0);
      return signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt(0);
    }

    private static Instant finishedAt(JsonNode container) {
      return Ages.instant(container.at("/lastState/terminated/finishedAt"));
    }

    private static Instant later(Instant a, Instant b) {
      if (a == null) {
        return b;
      }
      return b != null && b.isAfter(a) ? b : a;
    }
  }
}
