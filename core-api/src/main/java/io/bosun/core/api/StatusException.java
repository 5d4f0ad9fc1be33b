package io.bosun.core.api;

import java.util.Objects;

/** An API failure that carries the Kubernetes {@link Status} to answer with. */
public class StatusException extends RuntimeException {
  private final Status status;

  /** Wraps a failure status. */
  public StatusException(Status status) {
    super(Objects.requireNonNull(status, "status").message(), null, false, false);
    this.status = status;
  }

  /** The status to send. */
  public Status status() {
    return status;
  }
}
