package io.bosun.apiserver.boot;

/**
 * Thrown when the server cannot start for a reason the user can fix (an unreachable database, a
 * port in use, an unwritable data directory). Its message is the one line the user sees.
 */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A start-up failure described by {@code message}. */
  public StartupException(String message) {
    super(message);
  }

  /** A start-up failure described by {@code message}, caused by {@code cause}. */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
