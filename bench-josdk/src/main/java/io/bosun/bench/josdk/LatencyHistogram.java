package io.bosun.bench.josdk;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latencies counted in 10-microsecond buckets up to 10 seconds, lock-free, so that reconcilers on
 * many threads record without contending on a lock. Allocated when a latency phase starts, after
 * the heap has been measured.
 */
final class LatencyHistogram {
  private static final int BUCKET_MICROS = 10;
  private static final int BUCKETS = 1_000_000;

  private final AtomicIntegerArray counts = new AtomicIntegerArray(BUCKETS + 1);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  /** Counts one latency; a negative one (clock step) counts as zero. */
  void record(long micros) {
    long clamped = Math.max(0, micros);
    counts.incrementAndGet((int) Math.min(BUCKETS, clamped / BUCKET_MICROS));
    total.incrementAndGet();
    max.accumulateAndGet(clamped, Math::max);
  }

  long count() {
    return total.get();
  }

  long maxMicros() {
    return max.get();
  }

  /** The upper edge of the bucket holding the {@code p}-th percentile (0 to 100), in micros. */
  long percentileMicros(double p) {
    long n = total.get();
    if (n == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100 * n));
    long seen = 0;
    for (int bucket = 0; bucket <= BUCKETS; bucket++) {
      seen += counts.get(bucket);
      if (seen >= rank) {
        return bucket == BUCKETS ? max.get() : (bucket + 1L) * BUCKET_MICROS;
      }
    }
    return max.get();
  }

  /** {@code count p50 p99 p99.9 max}, in microseconds, for the protocol with the parent. */
  String summary() {
    return count()
        + " "
        + percentileMicros(50)
        + " "
        + percentileMicros(99)
        + " "
        + percentileMicros(99.9)
        + " "
        + maxMicros();
  }
}
