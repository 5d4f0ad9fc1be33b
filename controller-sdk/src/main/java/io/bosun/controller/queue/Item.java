package io.bosun.controller.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * A key taken from a {@link WorkQueue}, with what a worker and the metrics need to know about it.
 *
 * @param key the key, now held by the worker until {@link WorkQueue#done}
 * @param priority the priority it was queued with; retries and requeues keep it
 * @param waited how long the key was ready before it was taken (time in queue, delays excluded)
 */
public record Item<K>(K key, Priority priority, Duration waited) {
  public Item {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(waited, "waited");
  }
}
