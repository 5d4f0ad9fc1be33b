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
  boolean live; // served by the feed's fan-out; false while catching up from the database
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

  /**
   * The version a bookmark may carry: everything up to it has been sent. While the watcher still
   * catches up from the database, that is only what it has been given; once live, the feed's
   * position, since every later change reaches it through the fan-out.
   */
  long bookmarkRv(WatchFeed feed) {
    return live ? Math.max(feed.appliedRv(), lastRv) : lastRv;
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
    if (change.type() == Type.DELETED) {
      return change.prevMatches(selection) ? WatchEvent.of(Type.DELETED, object) : null;
    }
    boolean now = change.matches(selection);
    boolean before =
        change.type() == Type.MODIFIED && (trivialSelection ? now : change.prevMatches(selection));
    if (now) {
      return WatchEvent.of(
          before || change.type() != Type.MODIFIED ? change.type() : Type.ADDED, object);
    }
    if (before) {
      // Moved out of the selection: the watcher sees the old state deleted at this version.
      String last = Documents.withResourceVersion(change.prevJson(), change.rv());
      return WatchEvent.of(Type.DELETED, new StoredObject(object.key(), change.rv(), last));
    }
    return null;
  }
}
