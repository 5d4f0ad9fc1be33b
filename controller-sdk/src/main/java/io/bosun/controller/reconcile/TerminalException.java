package io.bosun.controller.reconcile;

/**
 * A reconcile failure that retrying cannot fix, such as an invalid spec. A {@code Uni} failed with
 * this exception (or with one caused by it) is logged and counted but not retried; the request runs
 * again only when a new event arrives.
 */
public class TerminalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A terminal failure described by {@code message}. */
  public TerminalException(String message) {
    super(message);
  }

  /** A terminal failure described by {@code message}, caused by {@code cause}. */
  public TerminalException(String message, Throwable cause) {
    super(message, cause);
  }
}
