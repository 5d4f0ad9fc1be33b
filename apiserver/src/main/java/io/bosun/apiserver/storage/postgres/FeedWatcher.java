package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.Documents;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.bosun.apiserver.storage.WatchEvent.Type;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open watch as the feed sees it: its selection, the last version it has been given, and a
 * bounded allowance of undelivered events. Confined to the feed's context, except {@link
 * #delivered}, which the subscriber's side counts.
 */
final class FeedWatcher {
  final String resource;
  final Selection selection;
  private final boolean trivialSelection;
  private MultiEmitter<? super WatchEvent> emitter;
  private final AtomicLong delivered = new AtomicLong();
  private long emitted;
  private long allowance;
  long lastRv;
  long timerId = -1;
  boolean closed;

  FeedWatcher(String resource, Selection selection, int capacity) {
    this.resource = resource;
    this.selection = selection;
    this.trivialSelection = selection.labels().isEmpty() && selection.fields().isEmpty();
    this.allowance = capacity;
  }

  void attach(MultiEmitter<? super WatchEvent> emitter) {
    this.emitter = emitter;
  }

  /** Counts an event taken by the subscriber; called on the subscriber's side. */
  void delivered() {
    delivered.incrementAndGet();
  }

  /** Lets {@code count} more events queue up, for the initial state sent before live events. */
  void allow(int count) {
    allowance += count;
  }

  /** Sends a change if it concerns this watcher, translated through the selection. */
  void deliver(Change change) {
    if (closed || change.rv() <= lastRv) {
      return;
    }
    lastRv = change.rv();
    WatchEvent event = translate(change);
    if (event != null) {
      emit(event);
    }
  }

  /** Sends an event as it is (initial state, bookmarks). */
  void emit(WatchEvent event) {
    if (closed) {
      return;
    }
    if (emitted - delivered.get() >= allowance) {
      // Too slow: close rather than hold the feed back or buffer without bound. The client
      // resumes from the last version it received.
      close();
      return;
    }
    emitted++;
    emitter.emit(event);
  }

  void close() {
    if (!closed) {
      closed = true;
      emitter.complete();
    }
  }

  void fail(Throwable failure) {
    if (!closed) {
      closed = true;
      emitter.fail(failure);
    }
  }

  private WatchEvent translate(Change change) {
    StoredObject object = change.object();
    if (!selection.matches(object.key(), object.json()) && change.type() != Type.DELETED) {
      // Moved out of the selection: the watcher sees the old state deleted at this version.
      if (change.prevJson() != null && selection.matches(object.key(), change.prevJson())) {
        String last = Documents.withResourceVersion(change.prevJson(), change.rv());
        return WatchEvent.of(Type.DELETED, new StoredObject(object.key(), change.rv(), last));
      }
      return null;
    }
    return switch (change.type()) {
      case ADDED -> WatchEvent.of(Type.ADDED, object);
      case DELETED ->
          selection.matches(object.key(), object.json())
              ? WatchEvent.of(Type.DELETED, object)
              : null;
      case MODIFIED ->
          trivialSelection || selection.matches(object.key(), change.prevJson())
              ? WatchEvent.of(Type.MODIFIED, object)
              : WatchEvent.of(Type.ADDED, object);
      case BOOKMARK -> throw new IllegalStateException("bookmarks are not changes");
    };
  }
}
