package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.Status;

/** 409 AlreadyExists: a create named an object that already exists. */
public final class AlreadyExistsException extends ApiException {

  /** A failure carrying the server's {@code status}. */
  public AlreadyExistsException(Status status) {
    super(status);
  }
}
