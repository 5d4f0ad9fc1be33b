package io.bosun.controller.leaderelection.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The election's rules, as client-go's leader election applies them, free of I/O and of the clock
 * so that they can be tested on their own.
 */
public final class LeaseRules {
  private LeaseRules() {}

  /**
   * Whether another candidate still holds the Lease: it names a holder other than {@code identity},
   * and less than its lease duration has passed since this candidate saw the record change ({@code
   * observedAt}, on this candidate's own clock, so that clock skew between hosts does not matter).
   */
  public static boolean heldByAnother(
      LeaseRecord record, Instant observedAt, Instant now, String identity) {
    if (record.isFree() || record.holderIdentity().equals(identity)) {
      return false;
    }
    Instant expires = observedAt.plus(Duration.ofSeconds(record.leaseDurationSeconds()));
    return now.isBefore(expires);
  }

  /**
   * The record {@code identity} writes to take or renew the Lease at {@code now}: a renewal keeps
   * the acquire time and the transition count; a takeover (of a free or expired Lease) sets the
   * acquire time and counts one more transition.
   *
   * @param current the record read, or null when there is no Lease yet
   */
  public static LeaseRecord claim(
      LeaseRecord current, String identity, Instant now, int leaseDurationSeconds) {
    if (current == null) {
      return new LeaseRecord(identity, leaseDurationSeconds, now, now, 0);
    }
    if (current.holderIdentity().equals(identity)) {
      Instant acquired = current.acquireTime() != null ? current.acquireTime() : now;
      return new LeaseRecord(
          identity, leaseDurationSeconds, acquired, now, current.leaseTransitions());
    }
    return new LeaseRecord(
        identity, leaseDurationSeconds, now, now, current.leaseTransitions() + 1);
  }

  /**
   * The record a leader writes to give the Lease up: no holder and a one-second duration, as
   * client-go writes it, so that any candidate may take it at once.
   */
  public static LeaseRecord released(LeaseRecord current, Instant now) {
    return new LeaseRecord("", 1, now, now, current.leaseTransitions());
  }
}
