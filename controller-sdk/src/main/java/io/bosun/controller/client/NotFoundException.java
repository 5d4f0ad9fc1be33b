package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.Status;

/** 404 NotFound: the object does not exist. */
public final class NotFoundException extends ApiException {

  /** A failure carrying the server's {@code status}. */
  public NotFoundException(Status status) {
    super(status);
  }
}
