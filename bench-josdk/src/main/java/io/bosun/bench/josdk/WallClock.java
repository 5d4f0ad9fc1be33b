package io.bosun.bench.josdk;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch: the one clock the load generator (in the parent
 * process) and the reconcilers (in the child JVMs) share on one machine. {@code System.nanoTime()}
 * is not comparable across processes.
 */
final class WallClock {
  private WallClock() {}

  static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
