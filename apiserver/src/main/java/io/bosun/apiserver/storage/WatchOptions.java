package io.bosun.apiserver.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * What to watch.
 *
 * @param resource the resource, such as {@code configmaps}
 * @param selection the namespace and selectors; a change that moves an object out of the selection
 *     is delivered as DELETED, one that moves it in as ADDED
 * @param resourceVersion the version to start after; null to start with the current state as
 *     synthetic ADDED events
 * @param bookmarkInterval how often to send bookmarks; null for none
 * @param initialEventsEndBookmark whether to send a bookmark annotated initial-events-end after the
 *     initial state (only meaningful when {@code resourceVersion} is null)
 */
public record WatchOptions(
    String resource,
    Selection selection,
    Long resourceVersion,
    Duration bookmarkInterval,
    boolean initialEventsEndBookmark) {

  public WatchOptions {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(selection, "selection");
  }

  /** Watches from just after {@code resourceVersion}, without bookmarks. */
  public static WatchOptions from(String resource, Selection selection, long resourceVersion) {
    return new WatchOptions(resource, selection, resourceVersion, null, false);
  }
}
