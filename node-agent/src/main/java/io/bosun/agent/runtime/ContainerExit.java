package io.bosun.agent.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * How a container ended, in the terms of a terminated container state.
 *
 * @param exitCode the exit code; 128 + n when a signal n ended it
 * @param finishedAt when it ended
 * @param reason {@link #COMPLETED}, {@link #ERROR} or {@link #OOM_KILLED}
 * @param message more about the end, or null
 */
public record ContainerExit(int exitCode, Instant finishedAt, String reason, String message) {
  /** The reason of an exit with code 0. */
  public static final String COMPLETED = "Completed";

  /** The reason of an exit with another code. */
  public static final String ERROR = "Error";

  /** The reason of a container the kernel killed for exceeding its memory limit. */
  public static final String OOM_KILLED = "OOMKilled";

  /** Checks the fields. */
  public ContainerExit {
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(reason, "reason");
  }

  /** The exit with {@code exitCode} and the reason that code implies. */
  public static ContainerExit of(int exitCode, Instant finishedAt, String message) {
    return new ContainerExit(exitCode, finishedAt, exitCode == 0 ? COMPLETED : ERROR, message);
  }
}
