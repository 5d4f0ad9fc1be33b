package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.Status;

/** 403 Forbidden: the credentials may not do this. */
public final class ForbiddenException extends ApiException {

  /** A failure carrying the server's {@code status}. */
  public ForbiddenException(Status status) {
    super(status);
  }
}
