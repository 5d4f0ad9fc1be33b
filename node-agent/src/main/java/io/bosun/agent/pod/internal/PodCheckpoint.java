package io.bosun.agent.pod.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.agent.runtime.ContainerCheckpoint;
import io.bosun.agent.runtime.ContainerExit;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pod's state on disk ({@code pods/<uid>/state.json}, owner-only, replaced atomically): the pod,
 * its address and start time, and per container its restart count, back-off and runs, with each
 * live run's runtime checkpoint, so that a new agent takes the pod back where this one left it.
 */
final class PodCheckpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PodCheckpoint() {}

  /** A loaded pod: its state, and the checkpoints of the runs to take back, by container. */
  record Loaded(PodState state, Map<String, ContainerCheckpoint> live) {}

  static void save(PodState state) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("pod", JSON.valueToTree(state.pod));
    root.put("podIP", state.podIP);
    root.put("startTime", state.startTime == null ? null : state.startTime.toString());
    root.put("initDone", state.initDone);
    root.put("terminating", state.terminating);
    if (state.terminationGrace != null) {
      root.put("terminationGraceMillis", state.terminationGrace.toMillis());
    }
    root.put("limitsEventSent", state.limitsEventSent);
    ObjectNode containers = root.putObject("containers");
    for (ContainerSlot slot : state.slots.values()) {
      ObjectNode node = containers.putObject(slot.name);
      node.put("restartCount", slot.restartCount);
      node.put("started", slot.started);
      if (slot.backoff.delay() != null) {
        node.put("backoffMillis", slot.backoff.delay().toMillis());
        node.put("backoffUpdate", slot.backoff.lastUpdate().toString());
      }
      if (slot.current != null) {
        node.set("current", run(slot.current));
      }
      if (slot.previous != null) {
        node.set("previous", run(slot.previous));
      }
    }
    Path file = state.layout.checkpoint();
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling("state.json.tmp");
    Files.write(temporary, JSON.writeValueAsBytes(root));
    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static ObjectNode run(Run run) {
    ObjectNode node = JSON.createObjectNode();
    node.put("containerId", run.containerId);
    node.put("startedAt", run.startedAt.toString());
    if (run.handle != null && run.running()) {
      ContainerCheckpoint checkpoint = run.handle.checkpoint();
      ObjectNode saved = node.putObject("checkpoint");
      saved.put("id", checkpoint.id());
      saved.set("data", JSON.valueToTree(checkpoint.data()));
    }
    if (run.exit != null) {
      ObjectNode exit = node.putObject("exit");
      exit.put("exitCode", run.exit.exitCode());
      exit.put("finishedAt", run.exit.finishedAt().toString());
      exit.put("reason", run.exit.reason());
      exit.put("message", run.exit.message());
    }
    return node;
  }

  static Loaded load(Path file, Path dataDir) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    Pod pod = JSON.treeToValue(root.get("pod"), Pod.class);
    var meta = pod.getMetadata();
    PodState state =
        new PodState(
            pod, PodLayout.of(dataDir, meta.getNamespace(), meta.getName(), meta.getUid()));
    state.podIP = text(root, "podIP");
    String startTime = text(root, "startTime");
    state.startTime = startTime == null ? null : Instant.parse(startTime);
    state.initDone = root.path("initDone").asBoolean();
    state.terminating = root.path("terminating").asBoolean();
    if (root.has("terminationGraceMillis")) {
      state.terminationGrace = Duration.ofMillis(root.get("terminationGraceMillis").asLong());
    }
    state.limitsEventSent = root.path("limitsEventSent").asBoolean();
    Map<String, ContainerCheckpoint> live = new LinkedHashMap<>();
    for (ContainerSlot slot : state.slots.values()) {
      JsonNode node = root.path("containers").path(slot.name);
      if (node.isMissingNode()) {
        continue;
      }
      slot.restartCount = node.path("restartCount").asInt();
      slot.started = node.path("started").asBoolean();
      if (node.has("backoffMillis")) {
        slot.backoff.restore(
            Duration.ofMillis(node.get("backoffMillis").asLong()),
            Instant.parse(node.get("backoffUpdate").asText()));
      }
      slot.previous = node.has("previous") ? run(node.get("previous"), null) : null;
      if (node.has("current")) {
        JsonNode current = node.get("current");
        JsonNode saved = current.get("checkpoint");
        if (saved != null && !current.has("exit")) {
          Map<String, String> data = new LinkedHashMap<>();
          saved
              .get("data")
              .fields()
              .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
          live.put(slot.name, new ContainerCheckpoint(saved.get("id").asText(), data));
        }
        slot.current = run(current, null);
      }
    }
    state.dirty = false;
    return new Loaded(state, live);
  }

  /** A run as saved; a live one is completed later with its reattached handle. */
  static Run run(JsonNode node, io.bosun.agent.runtime.ContainerHandle handle) {
    ContainerExit exit = null;
    JsonNode saved = node.get("exit");
    if (saved != null && !saved.isNull()) {
      exit =
          new ContainerExit(
              saved.get("exitCode").asInt(),
              Instant.parse(saved.get("finishedAt").asText()),
              saved.get("reason").asText(),
              text(saved, "message"));
    }
    return new Run(
        text(node, "containerId"), Instant.parse(node.get("startedAt").asText()), handle, exit);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
