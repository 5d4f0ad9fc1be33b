package io.bosun.agent.runtime;

import io.bosun.agent.logs.LogRotation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container ready to run: every reference resolved, every variable expanded, every path on this
 * machine.
 *
 * @param name a name for messages and diagnostics, {@code namespace/pod/container}
 * @param group the pod's UID: containers of one group share a resource group (cgroup) parent
 * @param argv the program and its arguments; {@code argv[0]} is looked up in {@code env}'s PATH
 * @param env the whole environment of the process (nothing is inherited from the agent)
 * @param workingDir the process's working directory, which must exist
 * @param logFile the file the container's output is written to, in the CRI log format
 * @param logRotation how that file is rotated
 * @param resources the limits and requests to apply
 * @param runAs the user and group to run as, or null to run as the agent's user
 */
public record ContainerConfig(
    String name,
    String group,
    List<String> argv,
    Map<String, String> env,
    Path workingDir,
    Path logFile,
    LogRotation logRotation,
    ContainerResources resources,
    RunAs runAs) {

  /** Checks the config and copies its collections. */
  public ContainerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(group, "group");
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(logFile, "logFile");
    Objects.requireNonNull(logRotation, "logRotation");
    Objects.requireNonNull(resources, "resources");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
  }

  /** A user and group ID to run a container's processes as. */
  public record RunAs(long uid, long gid) {}
}
