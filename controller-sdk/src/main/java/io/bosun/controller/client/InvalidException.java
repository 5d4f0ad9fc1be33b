package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.Status;

/** 422 Invalid: the object failed validation; {@link #causes()} names the fields. */
public final class InvalidException extends ApiException {

  /** A failure carrying the server's {@code status}. */
  public InvalidException(Status status) {
    super(status);
  }
}
