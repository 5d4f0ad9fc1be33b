package io.bosun.agent.pod.internal;

import io.bosun.agent.logs.internal.LogFiles;
import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.probe.internal.Prober;
import io.bosun.agent.runtime.ContainerExit;
import io.bosun.agent.runtime.ContainerHandle;
import io.bosun.agent.runtime.ContainerStartException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pod worker does to containers: start them (after their back-off), keep sidecars up, kill
 * them with their preStop hook and grace period, and stop the pod. Runs on the pod's thread.
 */
final class ContainerActions {
  /** The shortest grace period left after a preStop hook: the kubelet's 2 s. */
  static final Duration MINIMUM_GRACE = Duration.ofSeconds(2);

  private final PodWorker worker;
  private final RuntimeContext ctx;
  private final Hooks hooks;

  ContainerActions(PodWorker worker) {
    this.worker = worker;
    this.ctx = worker.context();
    this.hooks = new Hooks(worker, this);
  }

  private PodState state() {
    return worker.state;
  }

  private Pod pod() {
    return worker.pod();
  }

  /** Restarts a sidecar that is not running, whatever the pod's restart policy. */
  void keepRunning(ContainerSlot slot) {
    if (!slot.running() && !slot.starting && !slot.stopping) {
      startWithBackoff(slot);
    }
  }

  /** Starts a container now, or once its crash-loop back-off is over. */
  void startWithBackoff(ContainerSlot slot) {
    Instant now = ctx.now();
    if (slot.current != null && !slot.current.running()) {
      Instant finishedAt = slot.current.exit.finishedAt();
      if (slot.backoff.inBackoffSince(finishedAt, now)) {
        Duration delay = slot.backoff.delay();
        Waiting waiting =
            new Waiting(
                Waiting.CRASH_LOOP_BACK_OFF,
                "back-off "
                    + Backoff.format(delay)
                    + " restarting failed container="
                    + slot.name
                    + " pod="
                    + podName());
        if (!waiting.equals(slot.waiting)) {
          ctx.event(
              pod(),
              slot.fieldPath(),
              PodEvent.WARNING,
              "BackOff",
              "Back-off restarting failed container " + slot.name + " in pod " + podName());
        }
        slot.waiting = waiting;
        worker.wakeAt(finishedAt.plus(delay));
        return;
      }
    }
    if (slot.retryAt != null && now.isBefore(slot.retryAt)) {
      if (Waiting.ERR_IMAGE_PULL.equals(slot.waiting == null ? null : slot.waiting.reason())) {
        slot.waiting =
            new Waiting(
                Waiting.IMAGE_PULL_BACK_OFF,
                "Back-off pulling image \"" + slot.spec.getImage() + "\"");
      }
      worker.wakeAt(slot.retryAt);
      return;
    }
    if (slot.current != null && !slot.current.running()) {
      slot.backoff.next(slot.current.exit.finishedAt(), now);
    }
    start(slot);
  }

  private String podName() {
    var meta = pod().getMetadata();
    return meta.getName() + "_" + meta.getNamespace() + "(" + meta.getUid() + ")";
  }

  private void start(ContainerSlot slot) {
    int restartCount = slot.current == null ? slot.restartCount : slot.restartCount + 1;
    ContainerSetup.Prepared prepared;
    try {
      prepared =
          ctx.setup.prepare(
              pod(), slot.spec, state().layout, state().podIP, state().volumeDirs, restartCount);
    } catch (SetupException e) {
      setupFailed(slot, e.reason(), e.getMessage());
      return;
    }
    if (restartCount >= 2) {
      // The kubelet keeps the logs of the current and the previous run only.
      try {
        LogFiles.delete(state().layout.logFile(slot.name, restartCount - 2));
      } catch (IOException e) {
        // Left behind; removed with the pod.
      }
    }
    slot.starting = true;
    slot.imageBackoff = null;
    Run before = slot.current;
    ctx.runtime
        .start(prepared.config())
        .subscribe()
        .with(
            handle ->
                worker
                    .executor()
                    .execute(() -> started(slot, before, handle, prepared, restartCount)),
            failure ->
                worker.executor().execute(() -> startFailed(slot, before, failure, restartCount)));
  }

  private void setupFailed(ContainerSlot slot, String reason, String message) {
    Instant now = ctx.now();
    Duration delay = PodWorker.RETRY;
    if (Waiting.ERR_IMAGE_PULL.equals(reason)) {
      // The image back-off doubles like the crash back-off, from 10 s to 5 minutes.
      delay =
          slot.imageBackoff == null
              ? Backoff.INITIAL
              : slot.imageBackoff.multipliedBy(2).compareTo(Backoff.MAX) > 0
                  ? Backoff.MAX
                  : slot.imageBackoff.multipliedBy(2);
      slot.imageBackoff = delay;
    }
    Waiting waiting = new Waiting(reason, message);
    if (!waiting.equals(slot.waiting)) {
      ctx.event(pod(), slot.fieldPath(), PodEvent.WARNING, "Failed", message);
      ctx.event(pod(), slot.fieldPath(), PodEvent.WARNING, "Failed", "Error: " + reason);
    }
    slot.waiting = waiting;
    slot.retryAt = now.plus(delay);
    worker.wakeAt(slot.retryAt);
  }

  private void started(
      ContainerSlot slot,
      Run before,
      ContainerHandle handle,
      ContainerSetup.Prepared prepared,
      int restartCount) {
    slot.starting = false;
    if (state().removed) {
      handle.stop(Duration.ZERO);
      return;
    }
    Run run = new Run(handle.id(), handle.startedAt(), handle, null);
    slot.previous = before;
    slot.current = run;
    slot.restartCount = restartCount;
    slot.waiting = null;
    slot.retryAt = null;
    slot.restartRequested = false;
    slot.started = slot.spec.getStartupProbe() == null;
    slot.readinessPassed = false;
    slot.mounts = prepared.mounts();
    state().dirty = true;
    String image = slot.spec.getImage() == null ? "" : slot.spec.getImage();
    ctx.event(
        pod(),
        slot.fieldPath(),
        PodEvent.NORMAL,
        "Pulled",
        "Container image \"" + image + "\" already present on machine");
    ctx.event(
        pod(), slot.fieldPath(), PodEvent.NORMAL, "Created", "Created container " + slot.name);
    ctx.event(
        pod(), slot.fieldPath(), PodEvent.NORMAL, "Started", "Started container " + slot.name);
    watch(slot, run);
    hooks.postStart(slot, run);
    if (state().terminating) {
      kill(slot, state().terminationGrace, "Stopping container " + slot.name);
    }
    worker.requestSync();
  }

  /** Follows a run: its exit, and its probes. */
  void watch(ContainerSlot slot, Run run) {
    run.handle
        .exit()
        .subscribe()
        .with(
            exit -> worker.executor().execute(() -> exited(slot, run, exit)),
            failure ->
                worker
                    .executor()
                    .execute(
                        () ->
                            exited(
                                slot,
                                run,
                                ContainerExit.of(137, ctx.now(), String.valueOf(failure)))));
    startProbes(slot, run);
  }

  private void startProbes(ContainerSlot slot, Run run) {
    Prober.Target target =
        new Prober.Target(
            state().podIP,
            slot.spec.getPorts(),
            (command, timeout) -> ctx.runtime.exec(run.handle, command, timeout));
    List<Probe> probes = new ArrayList<>();
    probes.add(slot.spec.getStartupProbe());
    probes.add(slot.spec.getLivenessProbe());
    probes.add(slot.spec.getReadinessProbe());
    List<ProbeWorker.Kind> kinds = ProbeWorker.kinds();
    for (int i = 0; i < kinds.size(); i++) {
      if (probes.get(i) != null) {
        ProbeWorker probe = new ProbeWorker(worker, slot, run, kinds.get(i), probes.get(i), target);
        slot.probes.add(probe);
        probe.start();
      }
    }
  }

  private void startFailed(ContainerSlot slot, Run before, Throwable failure, int restartCount) {
    slot.starting = false;
    if (failure instanceof ContainerStartException start
        && ContainerStartException.START_ERROR.equals(start.reason())) {
      // As containerd: the run counts, ending at once with exit code 128.
      Instant now = ctx.now();
      slot.previous = before;
      slot.current =
          new Run(null, now, null, new ContainerExit(128, now, start.reason(), start.getMessage()));
      slot.restartCount = restartCount;
      slot.waiting = null;
      slot.restartRequested = false;
      state().dirty = true;
      ctx.event(
          pod(), slot.fieldPath(), PodEvent.WARNING, "Failed", "Error: " + start.getMessage());
      worker.requestSync();
      return;
    }
    String reason =
        failure instanceof ContainerStartException start
            ? start.reason()
            : Waiting.CREATE_CONTAINER_ERROR;
    setupFailed(slot, reason, String.valueOf(failure.getMessage()));
    worker.requestSync();
  }

  private void exited(ContainerSlot slot, Run run, ContainerExit exit) {
    run.exit = exit;
    if (slot.current != run) {
      return;
    }
    slot.stopProbes();
    slot.stopping = false;
    slot.readinessPassed = false;
    state().dirty = true;
    worker.requestSync();
  }

  /** Kills a running container: its preStop hook, then SIGTERM, then SIGKILL after the grace. */
  void kill(ContainerSlot slot, Duration grace, String message) {
    if (!slot.running() || slot.stopping) {
      return;
    }
    slot.stopping = true;
    slot.stopProbes();
    ctx.event(pod(), slot.fieldPath(), PodEvent.NORMAL, "Killing", message);
    Run run = slot.current;
    Instant start = ctx.now();
    hooks
        .preStop(slot, run, grace)
        .subscribe()
        .with(
            ranHook ->
                worker
                    .executor()
                    .execute(
                        () -> {
                          Duration left = grace.minus(Duration.between(start, ctx.now()));
                          if (ranHook && left.compareTo(MINIMUM_GRACE) < 0) {
                            left = MINIMUM_GRACE;
                          }
                          run.handle
                              .stop(left.isNegative() ? Duration.ZERO : left)
                              .subscribe()
                              .with(e -> {}, f -> {});
                        }));
  }

  /** Applies a shorter grace period to containers already being stopped. */
  void shortenKills(Duration grace) {
    for (ContainerSlot slot : state().slots.values()) {
      if (slot.running() && slot.stopping) {
        slot.current.handle.stop(grace).subscribe().with(e -> {}, f -> {});
      }
    }
  }

  /** Stops the pod for deletion: regular and init containers first, sidecars once they are done. */
  void syncTermination() {
    Duration grace = state().terminationGrace;
    boolean regularRunning = false;
    for (ContainerSlot slot : state().slots.values()) {
      if (!slot.sidecar() && (slot.running() || slot.starting)) {
        regularRunning = true;
        kill(slot, grace, "Stopping container " + slot.name);
      }
    }
    if (!regularRunning) {
      List<ContainerSlot> sidecars = new ArrayList<>(state().initContainers());
      java.util.Collections.reverse(sidecars);
      for (ContainerSlot slot : sidecars) {
        kill(slot, grace, "Stopping container " + slot.name);
      }
    }
    if (state().nothingRuns() && state().removeRequested) {
      worker.finishRemoval();
    }
  }

  /** Once a pod has finished without being deleted, stops its sidecars and keeps it as it is. */
  void stopFinishedPod() {
    if (!state().finished()) {
      return;
    }
    for (ContainerSlot slot : state().initContainers()) {
      if (slot.sidecar() && slot.running()) {
        kill(slot, state().gracePeriod(), "Stopping container " + slot.name);
      }
    }
  }
}
