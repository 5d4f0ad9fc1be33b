package io.bosun.controller.informer;

/**
 * Why an informer delivers an event. Controllers give {@link #WATCH} events (live changes) priority
 * over the bulk deliveries of {@link #INITIAL_LIST} and {@link #RESYNC}.
 */
public enum Origin {
  /** The first list after start, or the replay of the cache to a handler added later. */
  INITIAL_LIST,
  /** A live change seen on the watch. */
  WATCH,
  /**
   * A difference found by listing again after the watch could not resume (410 Gone): a change
   * missed while disconnected. A delete carries the last state the informer knew, not the final.
   */
  RELIST,
  /** A periodic re-delivery of a cached object that did not change ({@code old == new}). */
  RESYNC;

  /** Whether the event is a live change from the watch. */
  public boolean isLive() {
    return this == WATCH;
  }
}
