package io.bosun.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops what a test's agents left running. An agent that stops leaves its pods' processes (as a
 * kubelet leaves its containers); their supervisors name a container directory under the agent's
 * data directory in their arguments, which is how they are found.
 */
final class LeftoverProcesses {
  private LeftoverProcesses() {}

  /**
   * Kills every process whose arguments mention {@code dir}, and its descendants, and waits up to
   * ten seconds for them to end.
   */
  static void kill(Path dir) {
    String marker = dir.toAbsolutePath().toString();
    List<ProcessHandle> killed = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(
            p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
        .forEach(
            p -> {
              p.descendants().forEach(killed::add);
              killed.add(p);
            });
    killed.forEach(ProcessHandle::destroyForcibly);
    try {
      CompletableFuture.allOf(
              killed.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("left-over processes under " + dir + " did not end", e);
    }
  }
}
