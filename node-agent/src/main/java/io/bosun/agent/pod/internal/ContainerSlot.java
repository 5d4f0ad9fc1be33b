package io.bosun.agent.pod.internal;

import io.fabric8.kubernetes.api.model.Container;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the pod worker knows about one container of the pod: its spec, its current and
 * previous runs, why it waits, its back-off and its probes. Changed only on the pod's worker
 * thread.
 */
final class ContainerSlot {
  final String name;
  final boolean init;
  Container spec;
  int restartCount;
  Run current;
  Run previous;
  Waiting waiting;

  /** When a container waiting on a setup error is tried again. */
  Instant retryAt;

  /** The delay of the next retry of a container whose image cannot be found. */
  java.time.Duration imageBackoff;

  final Backoff backoff;
  boolean starting;
  boolean stopping;
  boolean restartRequested;
  boolean started;
  boolean readinessPassed;
  MountLayout mounts;
  final List<ProbeWorker> probes = new ArrayList<>();

  ContainerSlot(String name, boolean init, Container spec, Backoff backoff) {
    this.name = name;
    this.init = init;
    this.spec = spec;
    this.backoff = backoff;
  }

  /** An init container that keeps running beside the others (restartPolicy: Always). */
  boolean sidecar() {
    return init && "Always".equals(spec.getRestartPolicy());
  }

  boolean running() {
    return current != null && current.running();
  }

  /** Whether the container counts as ready: running, started, and passing any readiness probe. */
  boolean ready() {
    return running()
        && started
        && !stopping
        && (spec.getReadinessProbe() == null || readinessPassed);
  }

  void stopProbes() {
    probes.forEach(ProbeWorker::stop);
    probes.clear();
  }

  String fieldPath() {
    return (init ? "spec.initContainers{" : "spec.containers{") + name + "}";
  }
}
