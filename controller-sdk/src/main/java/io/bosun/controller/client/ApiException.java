package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import java.util.Objects;

/**
 * The apiserver answered a request with a failure {@link Status}. Subclasses name the common cases
 * ({@link NotFoundException}, {@link ConflictException}, {@link AlreadyExistsException}, {@link
 * GoneException}, {@link InvalidException}, ...); any other code arrives as this class. The message
 * is the server's; there is no stack trace, since it would only show the event loop.
 */
public class ApiException extends RuntimeException {
  private final transient Status status;

  /** A failure carrying the server's {@code status}. */
  public ApiException(Status status) {
    super(describe(status), null, false, false);
    this.status = status;
  }

  private static String describe(Status status) {
    Objects.requireNonNull(status, "status");
    String message = status.getMessage() == null ? "" : status.getMessage();
    return status.getCode()
        + " "
        + (status.getReason() == null ? "" : status.getReason())
        + ": "
        + message;
  }

  /** The Status the server sent (or, for a body that was not a Status, one built from it). */
  public Status status() {
    return status;
  }

  /** The HTTP status code, such as 404. */
  public int code() {
    return status.getCode() == null ? 0 : status.getCode();
  }

  /** The machine-readable reason, such as {@code NotFound}; empty when the server gave none. */
  public String reason() {
    return status.getReason() == null ? "" : status.getReason();
  }

  /** The field-level causes, such as the invalid fields of a 422; possibly empty. */
  public List<StatusCause> causes() {
    return status.getDetails() == null || status.getDetails().getCauses() == null
        ? List.of()
        : status.getDetails().getCauses();
  }
}
