package io.bosun.apiserver.storage;

import java.util.List;

/**
 * A page of a list.
 *
 * @param items the objects, in (namespace, name) order
 * @param resourceVersion the version the list was read at
 * @param continueToken the token for the next page, or null on the last page
 * @param remainingItemCount how many objects follow this page, when known without a selector; else
 *     null
 */
public record ListResult(
    List<StoredObject> items,
    long resourceVersion,
    String continueToken,
    Long remainingItemCount) {}
