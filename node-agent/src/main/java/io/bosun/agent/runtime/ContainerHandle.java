package io.bosun.agent.runtime;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;

/** A container that a {@link ContainerRuntime} started or took back. */
public interface ContainerHandle {

  /** The container's ID, unique on this machine. */
  String id();

  /** The process ID of the container's leader (its process group and session). */
  long pid();

  /** When the container started. */
  Instant startedAt();

  /**
   * Completes when the container has exited and its output is in its log file. Every call returns
   * the same outcome.
   */
  Uni<ContainerExit> exit();

  /** Whether the container has not yet exited. */
  boolean running();

  /**
   * Stops the container: SIGTERM to every process of the container, then SIGKILL to what is left
   * after {@code gracePeriod}. Stopping a stopped container does nothing.
   *
   * @return the container's exit
   */
  Uni<ContainerExit> stop(Duration gracePeriod);

  /**
   * What a later runtime needs to {@linkplain ContainerRuntime#reattach take the container back}.
   */
  ContainerCheckpoint checkpoint();
}
