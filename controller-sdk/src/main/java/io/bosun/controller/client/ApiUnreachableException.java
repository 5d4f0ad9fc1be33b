package io.bosun.controller.client;

/**
 * The apiserver could not be reached (connection refused, name not resolved, TLS handshake failed,
 * connection lost), after the client's retries where the request allows them. The message says
 * which server and why, in one line; there is no stack trace or cause chain, which would only show
 * the event loop.
 */
public final class ApiUnreachableException extends RuntimeException {

  /** A transport failure described by {@code message}. */
  public ApiUnreachableException(String message) {
    super(message, null, false, false);
  }
}
