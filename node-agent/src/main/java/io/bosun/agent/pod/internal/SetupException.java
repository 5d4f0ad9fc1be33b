package io.bosun.agent.pod.internal;

/** A container that cannot be set up to start: the waiting reason and message to show. */
final class SetupException extends Exception {
  private final String reason;

  SetupException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
