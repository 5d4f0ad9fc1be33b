/**
 * Filters on events before they become requests: {@link
 * io.bosun.controller.predicate.EventPredicate} with the usual filters (generation, labels,
 * annotations or resourceVersion changed; a label selector) and {@code and}/{@code or}/{@code not}.
 */
package io.bosun.controller.predicate;
