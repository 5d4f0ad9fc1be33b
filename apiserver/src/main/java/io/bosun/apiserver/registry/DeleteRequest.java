package io.bosun.apiserver.registry;

import io.bosun.apiserver.storage.Preconditions;
import java.util.Objects;

/**
 * What a DELETE asks for, from its {@code DeleteOptions}.
 *
 * @param preconditions the uid and resource version the object must have
 * @param gracePeriodSeconds the grace period asked for, or null for the kind's default
 * @param propagation the propagation policy asked for, or null to keep what the object has
 */
public record DeleteRequest(
    Preconditions preconditions, Long gracePeriodSeconds, Propagation propagation) {

  /** A delete with no options. */
  public static final DeleteRequest DEFAULT = new DeleteRequest(Preconditions.NONE, null, null);

  public DeleteRequest {
    Objects.requireNonNull(preconditions, "preconditions");
  }
}
