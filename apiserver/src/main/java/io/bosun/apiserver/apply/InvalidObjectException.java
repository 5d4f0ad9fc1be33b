package io.bosun.apiserver.apply;

/**
 * An object that its schema cannot describe as field management needs: a list item without its key,
 * duplicate keys in an applied configuration. The message names the path, as Kubernetes' does.
 */
public final class InvalidObjectException extends RuntimeException {
  public InvalidObjectException(String message) {
    super(message, null, false, false);
  }
}
