package io.bosun.agent.pod.internal;

import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.volume.internal.InputException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.smallrye.mutiny.subscription.Cancellable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One pod's lifecycle, the kubelet's pod worker: level-based, every event (a container's exit, a
 * probe's verdict, a timer, a new spec) asks for a sync, and a sync compares what runs with what
 * should and does the next thing. Everything happens on the pod's {@link SerialExecutor}.
 */
final class PodWorker {
  private static final Logger LOG = Logger.getLogger(PodWorker.class);

  /** The longest a terminating pod waits for its traffic to be drained: 1 s. */
  static final Duration DRAIN_WAIT = Duration.ofSeconds(1);

  /** How soon a pod whose volumes could not be set up tries again. */
  static final Duration RETRY = Duration.ofSeconds(10);

  private final RuntimeContext ctx;
  final String uid;
  private final SerialExecutor executor;
  final PodState state;
  private final ContainerActions actions;
  private final StatusReporter reporter;
  private Cancellable wakeup;
  private Instant wakeupAt;
  private boolean syncRequested;
  private final CompletableFuture<Void> removed = new CompletableFuture<>();

  PodWorker(RuntimeContext ctx, PodState state) {
    this.ctx = ctx;
    this.uid = state.pod.getMetadata().getUid();
    this.state = state;
    this.executor = new SerialExecutor(ctx.pool);
    this.actions = new ContainerActions(this);
    this.reporter = new StatusReporter(ctx);
  }

  RuntimeContext context() {
    return ctx;
  }

  SerialExecutor executor() {
    return executor;
  }

  Pod pod() {
    return state.pod;
  }

  /** Asks for a sync; many requests before it runs make one sync. */
  void requestSync() {
    synchronized (this) {
      if (syncRequested) {
        return;
      }
      syncRequested = true;
    }
    executor.execute(
        () -> {
          synchronized (this) {
            syncRequested = false;
          }
          sync();
        });
  }

  /** Asks for a sync at {@code at}, unless one is already due sooner. */
  void wakeAt(Instant at) {
    if (wakeupAt != null && !wakeupAt.isAfter(at) && wakeupAt.isAfter(ctx.now())) {
      return;
    }
    if (wakeup != null) {
      wakeup.cancel();
    }
    wakeupAt = at;
    Duration delay = Duration.between(ctx.now(), at);
    wakeup =
        ctx.scheduler().schedule(delay.isNegative() ? Duration.ZERO : delay, this::requestSync);
  }

  void sync() {
    if (state.removed) {
      return;
    }
    try {
      Instant now = ctx.now();
      if (state.startTime == null) {
        state.startTime = now;
        state.dirty = true;
      }
      if (state.terminating) {
        if (!state.draining) {
          actions.syncTermination();
        }
      } else if (setUpSandbox(now)) {
        if (syncInitContainers()) {
          syncContainers();
        }
        actions.stopFinishedPod();
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "sync of pod %s failed", uid);
    }
    saveCheckpoint();
    report();
  }

  /** Gives the pod an address and its volumes; false (and a retry later) if they fail. */
  private boolean setUpSandbox(Instant now) {
    if (state.podIP == null) {
      try {
        state.podIP = ctx.addresses.allocate(uid);
        state.dirty = true;
      } catch (IllegalStateException e) {
        sandboxFailed("FailedCreatePodSandBox", e.getMessage(), now);
        return false;
      }
    }
    boolean due =
        state.volumeDirs == null
            || state.volumesDue
            || !now.isBefore(state.volumesRefreshedAt.plus(ctx.options.resyncPeriod()));
    if (!due) {
      return true;
    }
    try {
      state.volumeDirs =
          ctx.volumes.setUp(state.pod, state.layout.volumes(), state.podIP, ctx.options.hostIP());
      state.volumesDue = false;
      state.volumesRefreshedAt = now;
      state.sandboxError = null;
      return true;
    } catch (InputException e) {
      sandboxFailed("FailedMount", e.getMessage(), now);
      return state.volumeDirs != null && state.sandboxReady();
    }
  }

  private void sandboxFailed(String reason, String message, Instant now) {
    if (!message.equals(state.sandboxError)) {
      ctx.event(state.pod, null, PodEvent.WARNING, reason, message);
    }
    state.sandboxError = message;
    wakeAt(now.plus(RETRY));
  }

  /** Runs the init containers in order; true once all have succeeded (or ever had). */
  private boolean syncInitContainers() {
    if (state.initDone) {
      return true;
    }
    for (ContainerSlot slot : state.initContainers()) {
      if (slot.sidecar()) {
        actions.keepRunning(slot);
        if (!(slot.running() && slot.started)) {
          return false;
        }
        continue;
      }
      if (slot.current != null && slot.current.succeeded()) {
        continue;
      }
      if (slot.running() || slot.starting) {
        return false;
      }
      if (slot.current != null && "Never".equals(restartPolicy())) {
        return false;
      }
      actions.startWithBackoff(slot);
      return false;
    }
    state.initDone = true;
    state.dirty = true;
    return true;
  }

  private void syncContainers() {
    for (ContainerSlot slot : state.initContainers()) {
      if (slot.sidecar() && !state.finished()) {
        actions.keepRunning(slot);
      }
    }
    for (ContainerSlot slot : state.containers()) {
      if (slot.starting || slot.stopping) {
        continue;
      }
      if (slot.current == null) {
        actions.startWithBackoff(slot);
      } else if (slot.running()) {
        if (slot.restartRequested) {
          actions.kill(
              slot,
              state.gracePeriod(),
              "Container " + slot.name + " definition changed, will be restarted");
        }
      } else if (shouldRestart(slot)) {
        actions.startWithBackoff(slot);
      }
    }
  }

  boolean shouldRestart(ContainerSlot slot) {
    if (slot.restartRequested) {
      return true;
    }
    return switch (restartPolicy()) {
      case "Never" -> false;
      case "OnFailure" -> !slot.current.succeeded();
      default -> true;
    };
  }

  String restartPolicy() {
    String policy = state.pod.getSpec().getRestartPolicy();
    return policy == null ? "Always" : policy;
  }

  /** A new version of the pod from the apiserver. */
  void update(Pod pod) {
    executor.execute(
        () -> {
          if (state.removed) {
            return;
          }
          Pod old = state.pod;
          state.pod = pod;
          state.dirty = true;
          if (!java.util.Objects.equals(
                  old.getMetadata().getLabels(), pod.getMetadata().getLabels())
              || !java.util.Objects.equals(
                  old.getMetadata().getAnnotations(), pod.getMetadata().getAnnotations())) {
            state.volumesDue = true;
          }
          Map<String, Container> specs = new LinkedHashMap<>();
          for (Container container : PodState.allContainers(pod.getSpec())) {
            specs.put(container.getName(), container);
          }
          for (ContainerSlot slot : state.slots.values()) {
            Container next = specs.get(slot.name);
            if (next != null && PodState.changed(slot.spec, next)) {
              slot.spec = next;
              slot.restartRequested = slot.current != null;
            } else if (next != null) {
              slot.spec = next;
            }
          }
          if (pod.getMetadata().getDeletionTimestamp() != null) {
            Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
            terminateNow(seconds == null ? state.gracePeriod() : Duration.ofSeconds(seconds));
          }
          sync();
        });
  }

  /** Stops the pod for good, within {@code grace}. */
  void terminate(Duration grace) {
    executor.execute(
        () -> {
          terminateNow(grace);
          sync();
        });
  }

  private void terminateNow(Duration grace) {
    if (!state.terminating && state.podIP != null) {
      drain(state.podIP);
    }
    if (!state.terminating || grace.compareTo(state.terminationGrace) < 0) {
      state.terminating = true;
      state.terminationGrace = grace;
      state.dirty = true;
      actions.shortenKills(grace);
    }
  }

  /**
   * Holds the containers' stop until the node's traffic has left the pod, for at most {@link
   * #DRAIN_WAIT}: a connection the proxy hands over meanwhile still finds the process serving.
   */
  private void drain(String podIP) {
    state.draining = true;
    CompletableFuture<Void> drained = new CompletableFuture<>();
    ctx.options
        .drain()
        .draining(podIP)
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                LOG.warnf("draining the traffic of pod %s failed: %s", uid, failure.toString());
              }
              drained.complete(null);
            });
    drained
        .completeOnTimeout(null, DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .thenRun(
            () ->
                executor.execute(
                    () -> {
                      state.draining = false;
                      sync();
                    }));
  }

  /** The stored pod is gone: stop what runs, then delete everything of the pod. */
  CompletableFuture<Void> remove(Runnable cleanup) {
    executor.execute(
        () -> {
          state.removeRequested = true;
          state.onStopped = cleanup;
          terminateNow(state.gracePeriod());
          sync();
        });
    return removed;
  }

  /** Called by the termination logic once nothing runs and removal was asked for. */
  void finishRemoval() {
    if (state.removed) {
      return;
    }
    state.removed = true;
    if (wakeup != null) {
      wakeup.cancel();
    }
    if (state.podIP != null) {
      ctx.options.drain().gone(state.podIP);
    }
    try {
      state.onStopped.run();
      removed.complete(null);
    } catch (RuntimeException e) {
      removed.completeExceptionally(e);
    }
  }

  void onProbe(
      ContainerSlot slot, Run run, ProbeWorker.Kind kind, boolean success, String message) {
    if (slot.current != run || !run.running()) {
      return;
    }
    switch (kind) {
      case STARTUP -> {
        if (success) {
          slot.started = true;
          state.dirty = true;
        } else {
          actions.kill(
              slot,
              probeGrace(slot, kind),
              "Container " + slot.name + " failed startup probe, will be restarted");
        }
      }
      case LIVENESS -> {
        if (!success) {
          actions.kill(
              slot,
              probeGrace(slot, kind),
              "Container " + slot.name + " failed liveness probe, will be restarted");
        }
      }
      case READINESS -> slot.readinessPassed = success;
    }
    requestSync();
  }

  private Duration probeGrace(ContainerSlot slot, ProbeWorker.Kind kind) {
    var probe =
        kind == ProbeWorker.Kind.STARTUP
            ? slot.spec.getStartupProbe()
            : slot.spec.getLivenessProbe();
    Long seconds = probe == null ? null : probe.getTerminationGracePeriodSeconds();
    return seconds == null ? state.gracePeriod() : Duration.ofSeconds(seconds);
  }

  void unhealthy(ContainerSlot slot, String message) {
    ctx.event(state.pod, slot.fieldPath(), PodEvent.WARNING, "Unhealthy", message);
  }

  /** A probe's or hook's exec command: static env references expanded, mount paths rewritten. */
  List<String> execCommand(ContainerSlot slot, List<String> command) {
    Map<String, String> values = new LinkedHashMap<>();
    for (EnvVar variable : slot.spec.getEnv() == null ? List.<EnvVar>of() : slot.spec.getEnv()) {
      if (variable.getValueFrom() == null) {
        values.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
      }
    }
    List<String> expanded = new ArrayList<>();
    for (String arg : command == null ? List.<String>of() : command) {
      String value = Expansion.expand(arg, values::get);
      expanded.add(slot.mounts == null ? value : slot.mounts.rewrite(value));
    }
    return expanded;
  }

  private void saveCheckpoint() {
    if (state.dirty && !state.removed) {
      try {
        PodCheckpoint.save(state);
        state.dirty = false;
      } catch (java.io.IOException | RuntimeException e) {
        LOG.warnf(e, "cannot checkpoint pod %s", uid);
      }
    }
  }

  private void report() {
    if (!state.removed) {
      reporter.report(state);
    }
  }

  PodStatus lastStatus() {
    return reporter.lastStatus();
  }

  Path logFile(String container, int restartCount) {
    return state.layout.logFile(container, restartCount);
  }
}
