package io.bosun.controller.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list: the objects, the resourceVersion the list was read at, and the token of the
 * next page when the list was paginated ({@code limit}) and more remain.
 *
 * @param items the objects, in the server's order
 * @param resourceVersion the version the list is consistent at; watch from it to follow changes
 * @param continueToken the token for the next page, or empty on the last page
 * @param remainingItemCount how many objects later pages hold, when the server says
 * @param <T> the Java type of the kind's objects
 */
public record ResourceList<T>(
    List<T> items,
    String resourceVersion,
    Optional<String> continueToken,
    Optional<Long> remainingItemCount) {

  public ResourceList {
    items = List.copyOf(items);
    Objects.requireNonNull(resourceVersion, "resourceVersion");
    Objects.requireNonNull(continueToken, "continueToken");
    Objects.requireNonNull(remainingItemCount, "remainingItemCount");
  }
}
