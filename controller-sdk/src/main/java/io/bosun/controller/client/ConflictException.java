package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.Status;

/**
 * 409 Conflict: the object changed since it was read (its resourceVersion is stale), or a
 * precondition failed.
 */
public final class ConflictException extends ApiException {

  /** A failure carrying the server's {@code status}. */
  public ConflictException(Status status) {
    super(status);
  }
}
