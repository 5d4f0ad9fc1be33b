package io.bosun.controller.queue;

/**
 * How urgently a queued key should be served. Among ready keys, every {@link #HIGH} key is taken
 * before any {@link #LOW} one; within a priority, keys are taken in the order they became ready.
 */
public enum Priority {
  /** A live event: something changed now, and someone may be waiting for the result. */
  HIGH,
  /** The initial list or a periodic resync: catch-up work that must not delay live changes. */
  LOW;

  /** The more urgent of this priority and {@code other}. */
  public Priority max(Priority other) {
    return compareTo(other) <= 0 ? this : other;
  }
}
