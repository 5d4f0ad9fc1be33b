package io.bosun.agent.runtime;

import java.util.Objects;

/**
 * A container that could not start. Its reason is the one a terminated container state shows for it
 * ({@code StartError}, with exit code 128, as containerd reports an executable that does not
 * exist), or a waiting reason ({@code CreateContainerError}) when nothing was started.
 */
public class ContainerStartException extends RuntimeException {
  /** The reason of a process that could not be executed. */
  public static final String START_ERROR = "StartError";

  /** The reason of a container that could not be set up. */
  public static final String CREATE_CONTAINER_ERROR = "CreateContainerError";

  private final String reason;

  /** A start failure with a Kubernetes reason and a message for the container's status. */
  public ContainerStartException(String reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The reason for the container's status. */
  public String reason() {
    return reason;
  }
}
