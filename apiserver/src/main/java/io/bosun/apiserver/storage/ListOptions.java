package io.bosun.apiserver.storage;

import java.util.Objects;

/**
 * What to list.
 *
 * @param resource the resource, such as {@code configmaps}
 * @param selection the namespace and selectors
 * @param limit the page size; 0 for no limit
 * @param continueToken the token of the previous page, or null
 * @param resourceVersion null for the newest committed state; otherwise the version to list at
 * @param exact whether {@code resourceVersion} must be served exactly (Exact) rather than as a
 *     lower bound (NotOlderThan)
 */
public record ListOptions(
    String resource,
    Selection selection,
    int limit,
    String continueToken,
    Long resourceVersion,
    boolean exact) {

  public ListOptions {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(selection, "selection");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
  }

  /** Lists everything a selection selects, at the newest version, in one page. */
  public static ListOptions of(String resource, Selection selection) {
    return new ListOptions(resource, selection, 0, null, null, false);
  }
}
