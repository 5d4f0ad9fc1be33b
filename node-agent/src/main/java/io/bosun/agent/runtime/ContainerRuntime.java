package io.bosun.agent.runtime;

import io.bosun.agent.runtime.internal.ProcessRuntime;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;

/**
 * Runs containers on this machine: the boundary between the pod lifecycle, which decides what runs
 * when, and the mechanism that runs it. It plays the part of a CRI runtime; the first
 * implementation runs each container as a host process ({@link #processes}), and a CRI client can
 * implement it later.
 *
 * <p>A runtime knows containers, not pods: it starts one from a fully resolved {@link
 * ContainerConfig}, stops it, runs commands beside it, writes its log file, and, after the agent
 * restarts, takes running containers back from their {@link ContainerCheckpoint}s.
 */
public interface ContainerRuntime extends AutoCloseable {

  /** The scheme of container IDs in pod status, as in {@code containerd://}. */
  String type();

  /**
   * Starts a container.
   *
   * @return the running container, or a failure with a {@link ContainerStartException} saying why
   *     it could not start (an executable that does not exist, an unusable working directory)
   */
  Uni<ContainerHandle> start(ContainerConfig config);

  /**
   * Takes back a container started by an earlier runtime on the same data directory. The handle is
   * running if the container still is, or has already {@linkplain ContainerHandle#exit() exited}
   * with what is known of its end.
   *
   * @throws IllegalArgumentException if the checkpoint is not this runtime's
   */
  ContainerHandle reattach(ContainerCheckpoint checkpoint);

  /**
   * Runs a command beside a running container, with its environment, working directory and resource
   * limits, as probes and lifecycle hooks do. A command still running after {@code timeout} is
   * killed, and the result says it timed out.
   */
  Uni<ExecResult> exec(ContainerHandle container, List<String> command, Duration timeout);

  /** Whether this runtime enforces CPU and memory limits on this machine, and how or why not. */
  ResourceEnforcement resourceEnforcement();

  /**
   * Lets go of every container without stopping any: their processes keep running for the next
   * runtime to {@link #reattach}. Handles stop reporting.
   */
  @Override
  void close();

  /**
   * A runtime that runs each container as a process group of this machine, like Nomad's exec
   * driver, keeping its files under {@code options.root()}.
   */
  static ContainerRuntime processes(ProcessRuntimeOptions options) {
    return new ProcessRuntime(options);
  }
}
