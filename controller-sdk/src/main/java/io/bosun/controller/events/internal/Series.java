package io.bosun.controller.events.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One event and its repeats: how often it happened, how much of that the server has, and the write
 * in flight if any. Guarded by the recorder's lock.
 */
final class Series {
  private final EventKey key;
  private final String namespace;
  private final Instant first;
  private String name;
  private Instant last;
  private int count = 1;
  private int written;
  private boolean created;
  private boolean urgent;
  private boolean retried;
  private CompletableFuture<Void> inFlight;

  Series(EventKey key, String namespace, String name, Instant first) {
    this.key = key;
    this.namespace = namespace;
    this.name = name;
    this.first = first;
    this.last = first;
  }

  EventKey key() {
    return key;
  }

  String namespace() {
    return namespace;
  }

  String name() {
    return name;
  }

  Instant first() {
    return first;
  }

  Instant last() {
    return last;
  }

  int count() {
    return count;
  }

  /** Counts one more occurrence at {@code now}. */
  void repeat(Instant now) {
    count++;
    last = now;
  }

  /** Whether the server lacks occurrences counted here. */
  boolean dirty() {
    return count > written;
  }

  /** Whether the Event exists on the server. */
  boolean created() {
    return created;
  }

  /** The server has the Event with {@code count} occurrences. */
  void written(int count) {
    created = true;
    written = Math.max(written, count);
    retried = false;
  }

  /** The Event is gone from the server (or was never made); it is made again as {@code name}. */
  void recreateAs(String name) {
    this.name = name;
    this.created = false;
    this.retried = true;
  }

  /** Whether the current write is already a retry. */
  boolean retried() {
    return retried;
  }

  /** Asks for a write as soon as the one in flight ends. */
  void markUrgent(boolean urgent) {
    this.urgent = urgent;
  }

  boolean urgent() {
    return urgent;
  }

  CompletableFuture<Void> inFlight() {
    return inFlight;
  }

  void inFlight(CompletableFuture<Void> write) {
    this.inFlight = write;
  }
}
