package io.bosun.agent.pod.internal;

import io.bosun.agent.runtime.ContainerExit;
import io.bosun.agent.runtime.ContainerHandle;
import java.time.Instant;

/**
 * One run of a container: the process the runtime started (null for a run that failed to start),
 * and how it ended once it has. Changed only on its pod's worker thread.
 */
final class Run {
  final String containerId;
  final Instant startedAt;
  final ContainerHandle handle;
  volatile ContainerExit exit;

  Run(String containerId, Instant startedAt, ContainerHandle handle, ContainerExit exit) {
    this.containerId = containerId;
    this.startedAt = startedAt;
    this.handle = handle;
    this.exit = exit;
  }

  boolean running() {
    return exit == null;
  }

  boolean succeeded() {
    return exit != null && exit.exitCode() == 0;
  }
}
