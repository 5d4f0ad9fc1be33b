package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.Status;

/**
 * 410 Gone or Expired: the resourceVersion asked for is older than the server keeps; list again.
 */
public final class GoneException extends ApiException {

  /** A failure carrying the server's {@code status}. */
  public GoneException(Status status) {
    super(status);
  }
}
