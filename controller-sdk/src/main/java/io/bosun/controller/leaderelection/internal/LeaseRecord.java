package io.bosun.controller.leaderelection.internal;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * What a Lease's spec says about leadership, in the form the election compares and writes. Times
 * are kept to the microsecond, as the Lease's MicroTime fields hold them.
 *
 * @param holderIdentity the holder, {@code ""} when the Lease is free
 * @param leaseDurationSeconds how long the holder's claim lasts after its last renewal
 * @param acquireTime when the holder took the Lease; null if never written
 * @param renewTime when the holder last renewed it; null if never written
 * @param leaseTransitions how often the Lease changed hands
 */
public record LeaseRecord(
    String holderIdentity,
    int leaseDurationSeconds,
    Instant acquireTime,
    Instant renewTime,
    int leaseTransitions) {

  public LeaseRecord {
    holderIdentity = holderIdentity == null ? "" : holderIdentity;
    acquireTime = micros(acquireTime);
    renewTime = micros(renewTime);
  }

  /** Whether no one holds the Lease. */
  public boolean isFree() {
    return holderIdentity.isEmpty();
  }

  /** Reads a Lease's spec; missing fields read as zero, empty or null. */
  public static LeaseRecord of(LeaseSpec spec) {
    if (spec == null) {
      return new LeaseRecord("", 0, null, null, 0);
    }
    return new LeaseRecord(
        spec.getHolderIdentity(),
        spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds(),
        instant(spec.getAcquireTime()),
        instant(spec.getRenewTime()),
        spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions());
  }

  /** A spec that says what this record says. */
  public LeaseSpec toSpec() {
    return writeTo(new LeaseSpec());
  }

  /** Sets {@code spec}'s election fields to this record's, leaving its other fields; returns it. */
  public LeaseSpec writeTo(LeaseSpec spec) {
    spec.setHolderIdentity(holderIdentity);
    spec.setLeaseDurationSeconds(leaseDurationSeconds);
    spec.setAcquireTime(zoned(acquireTime));
    spec.setRenewTime(zoned(renewTime));
    spec.setLeaseTransitions(leaseTransitions);
    return spec;
  }

  private static Instant micros(Instant time) {
    return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant instant(ZonedDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static ZonedDateTime zoned(Instant time) {
    return time == null ? null : ZonedDateTime.ofInstant(time, ZoneOffset.UTC);
  }
}
