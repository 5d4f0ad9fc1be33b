package io.bosun.controller.config;

/**
 * No usable cluster configuration: a missing or malformed kubeconfig, an unknown context, an
 * unreadable credential file. The message alone says what is wrong and where; there is no stack
 * trace or cause chain to read through.
 */
public final class ConfigException extends RuntimeException {

  /** A configuration failure described by {@code message}. */
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
