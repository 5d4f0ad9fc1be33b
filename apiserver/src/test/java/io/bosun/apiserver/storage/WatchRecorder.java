package io.bosun.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a watch delivers. A resuming recorder behaves like a Kubernetes reflector: when the
 * stream ends (closed as too slow) or fails for any reason but {@link StorageException.Expired}, it
 * watches again from the last resource version it saw, so its event list is one continuous stream.
 */
final class WatchRecorder implements AutoCloseable {
  private final Storage storage;
  private final WatchOptions options;
  private final boolean resuming;
  private final List<WatchEvent> events = new ArrayList<>();
  private long lastSeen;
  private int streams;
  private Throwable failure;
  private boolean ended;
  private boolean closed;
  private Cancellable current;

  private WatchRecorder(Storage storage, WatchOptions options, boolean resuming) {
    this.storage = storage;
    this.options = options;
    this.resuming = resuming;
    this.lastSeen = options.resourceVersion() == null ? 0 : options.resourceVersion();
  }

  /** Watches once; the recorder ends when the stream does. */
  static WatchRecorder watch(Storage storage, WatchOptions options) {
    WatchRecorder recorder = new WatchRecorder(storage, options, false);
    recorder.subscribe(options);
    return recorder;
  }

  /** Watches, and watches again from the last version seen whenever the stream ends. */
  static WatchRecorder resuming(Storage storage, WatchOptions options) {
    WatchRecorder recorder = new WatchRecorder(storage, options, true);
    recorder.subscribe(options);
    return recorder;
  }

  private synchronized void subscribe(WatchOptions from) {
    if (closed) {
      return;
    }
    streams++;
    current = storage.watch(from).subscribe().with(this::received, this::failed, this::completed);
  }

  private synchronized void received(WatchEvent event) {
    events.add(event);
    lastSeen = Math.max(lastSeen, event.resourceVersion());
  }

  private void failed(Throwable t) {
    synchronized (this) {
      if (!resuming || closed || t instanceof StorageException.Expired) {
        failure = t;
        ended = true;
        return;
      }
    }
    resume();
  }

  private void completed() {
    synchronized (this) {
      if (!resuming || closed) {
        ended = true;
        return;
      }
    }
    resume();
  }

  private void resume() {
    long from;
    synchronized (this) {
      from = lastSeen;
    }
    subscribe(
        new WatchOptions(
            options.resource(), options.selection(), from, options.bookmarkInterval(), false));
  }

  /** Every event so far, bookmarks included. */
  synchronized List<WatchEvent> events() {
    return new ArrayList<>(events);
  }

  /** The change events so far (no bookmarks). */
  synchronized List<WatchEvent> changes() {
    return events.stream().filter(e -> e.type() != WatchEvent.Type.BOOKMARK).toList();
  }

  /** The highest resource version of any event so far, bookmarks included. */
  synchronized long lastSeen() {
    return lastSeen;
  }

  /** How many watch streams this recorder has opened (1 plus the resumptions). */
  synchronized int streams() {
    return streams;
  }

  synchronized Throwable failure() {
    return failure;
  }

  synchronized boolean ended() {
    return ended;
  }

  /** Waits until the recorder has seen {@code resourceVersion} (an event or a bookmark). */
  WatchRecorder awaitSeen(long resourceVersion, Duration timeout) {
    await("watch " + options + " to reach " + resourceVersion)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .failFast("the watch ended", this::ended)
        .until(() -> lastSeen() >= resourceVersion);
    return this;
  }

  /** Waits until the recorder holds at least {@code count} change events. */
  WatchRecorder awaitChanges(int count) {
    await("watch " + options + " to deliver " + count + " changes")
        .atMost(EmbeddedPostgresFixture.TIMEOUT)
        .pollInterval(Duration.ofMillis(20))
        .failFast("the watch ended", () -> ended() && changes().size() < count)
        .until(() -> changes().size() >= count);
    return this;
  }

  /** Waits until the stream has ended, and returns its failure (null if it completed). */
  Throwable awaitEnd() {
    await("watch " + options + " to end")
        .atMost(EmbeddedPostgresFixture.TIMEOUT)
        .pollInterval(Duration.ofMillis(20))
        .until(this::ended);
    return failure();
  }

  /**
   * The index of the initial-events-end bookmark of a watch from null (its initial state comes
   * before it); -1 for a watch from a resource version.
   */
  synchronized int initialEventsEnd() {
    if (options.resourceVersion() != null) {
      return -1;
    }
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).initialEventsEnd()) {
        return i;
      }
    }
    throw new AssertionError("no initial-events-end bookmark in " + events);
  }

  /** The version the stream starts after: the given one, or that of the initial state. */
  synchronized long startRv() {
    int end = initialEventsEnd();
    return end < 0 ? options.resourceVersion() : events.get(end).resourceVersion();
  }

  /** The initial state of a watch from null (empty for a watch from a resource version). */
  synchronized List<StoredObject> initialState() {
    int end = initialEventsEnd();
    return events.subList(0, Math.max(end, 0)).stream().map(WatchEvent::object).toList();
  }

  /** The change events after the initial state. */
  synchronized List<WatchEvent> changesAfterStart() {
    return events.subList(initialEventsEnd() + 1, events.size()).stream()
        .filter(e -> e.type() != WatchEvent.Type.BOOKMARK)
        .toList();
  }

  /**
   * Asserts the ordering promises: change events in strictly increasing resource version order
   * (which also rules out duplicates), each stamped with its version, and no change at or below a
   * bookmark that preceded it. The initial state of a watch from null comes as ADDED events no
   * newer than the initial-events-end bookmark.
   */
  void assertOrderedExactlyOnce() {
    List<WatchEvent> all = events();
    int end = initialEventsEnd();
    long last = end < 0 ? options.resourceVersion() : all.get(end).resourceVersion();
    for (int i = 0; i < end; i++) {
      WatchEvent e = all.get(i);
      assertThat(e.type()).as("initial event %d", i).isEqualTo(WatchEvent.Type.ADDED);
      assertThat(e.resourceVersion()).isLessThanOrEqualTo(last);
      TestObjects.assertStamped(e.object());
    }
    long bookmark = last;
    for (int i = end + 1; i < all.size(); i++) {
      WatchEvent e = all.get(i);
      if (e.type() == WatchEvent.Type.BOOKMARK) {
        assertThat(e.resourceVersion())
            .as("bookmark at position %d is not older than the events before it", i)
            .isGreaterThanOrEqualTo(last);
        bookmark = Math.max(bookmark, e.resourceVersion());
        continue;
      }
      assertThat(e.resourceVersion())
          .as(
              "event %d (%s %s) comes after rv %d and bookmark %d",
              i, e.type(), e.object().key(), last, bookmark)
          .isGreaterThan(last)
          .isGreaterThan(bookmark);
      assertThat(e.object().resourceVersion()).isEqualTo(e.resourceVersion());
      TestObjects.assertStamped(e.object());
      last = e.resourceVersion();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) {
      current.cancel();
    }
  }
}
