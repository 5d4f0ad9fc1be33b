package io.bosun.apiserver.boot;

/** Thrown when a command line cannot be understood; the program prints it and exits with 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A usage error with a message that names the offending argument. */
  public UsageException(String message) {
    super(message);
  }
}
