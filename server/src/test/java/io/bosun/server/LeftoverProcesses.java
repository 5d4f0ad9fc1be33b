package io.bosun.server;

import java.nio.file.Path;

/**
 * Stops what a test's agents left running. An agent that stops leaves its pods' processes (as a
 * kubelet leaves its containers); their supervisors name a container directory under the agent's
 * data directory in their arguments, which is how they are found.
 */
final class LeftoverProcesses {
  private LeftoverProcesses() {}

  /** Kills every process whose arguments mention {@code dir}, and its descendants. */
  static void kill(Path dir) {
    String marker = dir.toAbsolutePath().toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(
            p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
        .forEach(
            p -> {
              p.descendants().forEach(ProcessHandle::destroyForcibly);
              p.destroyForcibly();
            });
  }
}
