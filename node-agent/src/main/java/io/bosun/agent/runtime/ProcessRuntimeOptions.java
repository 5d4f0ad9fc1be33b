package io.bosun.agent.runtime;

import io.bosun.controller.queue.Scheduler;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of the {@linkplain ContainerRuntime#processes process runtime}.
 *
 * @param root the directory for the runtime's per-container files (pipes, exit codes)
 * @param scheduler the clock that stamps starts and exits, and the timer of stop grace periods
 * @param cgroups whether and how resource limits are applied
 * @param cgroupName the name of the agent's cgroup beneath its own, distinct per agent on one host
 */
public record ProcessRuntimeOptions(
    Path root, Scheduler scheduler, CgroupMode cgroups, String cgroupName) {

  /** The default cgroup name: {@code bosun}. */
  public static final String DEFAULT_CGROUP_NAME = "bosun";

  /** Checks the options. */
  public ProcessRuntimeOptions {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(cgroups, "cgroups");
    Objects.requireNonNull(cgroupName, "cgroupName");
    if (!cgroupName.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("cgroupName must be a plain file name: " + cgroupName);
    }
  }

  /** Options with automatic cgroups and the default cgroup name. */
  public static ProcessRuntimeOptions of(Path root, Scheduler scheduler) {
    return new ProcessRuntimeOptions(root, scheduler, CgroupMode.AUTO, DEFAULT_CGROUP_NAME);
  }

  /** Returns these options with another cgroup mode. */
  public ProcessRuntimeOptions withCgroups(CgroupMode mode) {
    return new ProcessRuntimeOptions(root, scheduler, mode, cgroupName);
  }

  /** Returns these options with another cgroup name. */
  public ProcessRuntimeOptions withCgroupName(String name) {
    return new ProcessRuntimeOptions(root, scheduler, cgroups, name);
  }

  /** How resource limits are applied. */
  public enum CgroupMode {
    /** cgroup v2 if it has the cpu and memory controllers here, else v1 if writable, else none. */
    AUTO,
    /** Never: limits are reported as not enforced. */
    NONE
  }
}
