package io.bosun.agent.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One container's cgroup: a directory per hierarchy (one for cgroup v2; one per controller for v1).
 * The container's first process joins it before it runs the container's program, so every process
 * of the container is in it.
 */
record Cgroup(List<Path> dirs) {
  static final Cgroup NONE = new Cgroup(List.of());

  Cgroup {
    dirs = List.copyOf(dirs);
  }

  /** The files a process writes its PID to, to join. */
  List<Path> procsFiles() {
    return dirs.stream().map(dir -> dir.resolve("cgroup.procs")).toList();
  }

  /** The processes in the cgroup. */
  Set<Long> members() {
    Set<Long> members = new LinkedHashSet<>();
    for (Path file : procsFiles()) {
      for (String line : ProcStat.readQuietly(file).split("\n")) {
        if (!line.isBlank()) {
          members.add(Long.parseLong(line.trim()));
        }
      }
    }
    return members;
  }

  /** Whether the kernel's OOM killer killed a process of this cgroup. */
  boolean oomKilled() {
    for (Path dir : dirs) {
      // v2 counts kills in memory.events, v1 in memory.oom_control.
      for (String file : List.of("memory.events", "memory.oom_control")) {
        for (String line : ProcStat.readQuietly(dir.resolve(file)).split("\n")) {
          if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Removes the cgroup, and its pod's parent when that is left empty. */
  void remove() {
    for (Path dir : dirs) {
      try {
        Files.deleteIfExists(dir);
        Files.deleteIfExists(dir.getParent());
      } catch (IOException e) {
        // A parent still holding another container's cgroup stays; a busy cgroup is retried never:
        // its processes were killed, so it empties, and the pod's removal sweeps it.
      }
    }
  }
}
