package io.bosun.controller.leaderelection.internal;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** Reads and writes the one Lease an election is about. */
public interface LeaseLock {

  /** The Lease, or empty when it does not exist. */
  @CheckReturnValue
  Uni<Optional<Lease>> get();

  /** Creates the Lease with {@code record}; fails if it exists. */
  @CheckReturnValue
  Uni<Lease> create(LeaseRecord record);

  /**
   * Writes {@code record} into {@code current}, on the condition that the Lease is still at {@code
   * current}'s resourceVersion; fails with a conflict otherwise.
   */
  @CheckReturnValue
  Uni<Lease> update(Lease current, LeaseRecord record);

  /** The Lease's {@code namespace/name}, for messages. */
  String describe();
}
