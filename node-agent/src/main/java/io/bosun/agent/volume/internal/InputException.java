package io.bosun.agent.volume.internal;

/**
 * Something a pod needs that is missing or wrong: a ConfigMap, a Secret key, a claim, a forbidden
 * host path. Its message is the kubelet's for the same problem.
 */
public final class InputException extends Exception {
  public InputException(String message) {
    super(message, null, false, false);
  }
}
