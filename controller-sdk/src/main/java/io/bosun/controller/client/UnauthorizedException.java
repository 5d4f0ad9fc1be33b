package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.Status;

/** 401 Unauthorized: the credentials were missing or not accepted. */
public final class UnauthorizedException extends ApiException {

  /** A failure carrying the server's {@code status}. */
  public UnauthorizedException(Status status) {
    super(status);
  }
}
