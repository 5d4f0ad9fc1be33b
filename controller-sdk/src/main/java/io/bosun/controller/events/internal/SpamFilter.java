package io.bosun.controller.events.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per object, as client-go's event spam filter keeps one: a burst of new events,
 * then one per refill interval. Guarded by the recorder's lock.
 */
final class SpamFilter {
  private static final class Bucket {
    double tokens;
    Instant last;

    Bucket(double tokens, Instant last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  private final int burst;
  private final Duration refill;
  private final Map<ObjectRef, Bucket> buckets = new HashMap<>();

  SpamFilter(int burst, Duration refill) {
    this.burst = burst;
    this.refill = refill;
  }

  /** Takes a token for a new event about {@code object}; false if it has none left. */
  boolean allow(ObjectRef object, Instant now) {
    Bucket bucket = buckets.computeIfAbsent(object, k -> new Bucket(burst, now));
    refill(bucket, now);
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  /** Forgets the objects whose buckets are full again. */
  void sweep(Instant now) {
    buckets.values().removeIf(bucket -> refill(bucket, now) >= burst);
  }

  private double refill(Bucket bucket, Instant now) {
    if (now.isAfter(bucket.last)) {
      double earned = (double) Duration.between(bucket.last, now).toNanos() / refill.toNanos();
      bucket.tokens = Math.min(burst, bucket.tokens + earned);
      bucket.last = now;
    }
    return bucket.tokens;
  }
}
