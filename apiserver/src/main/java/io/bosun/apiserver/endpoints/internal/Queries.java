package io.bosun.apiserver.endpoints.internal;

import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.WatchOptions;
import io.bosun.core.api.Status;
import io.bosun.core.selector.FieldSelector;
import io.bosun.core.selector.LabelSelector;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads the list and watch query parameters into storage options, refusing bad ones with 400. */
public final class Queries {
  /** How often a watch that allows bookmarks gets one. Defaults to 60 seconds, as Kubernetes. */
  public static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(60);

  private static final Pattern FIELD_PATH =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*){0,15}");

  private Queries() {}

  /**
   * The selection of a list or watch: path namespace plus label and field selectors; fields may be
   * {@code metadata.name}, {@code metadata.namespace} and the type's selectable fields.
   */
  public static Selection selection(
      ResourceType type, String namespace, Function<String, String> query) {
    FieldSelector fields = FieldSelector.parse(query.apply("fieldSelector"));
    for (FieldSelector.Requirement requirement : fields.requirements()) {
      // Kubernetes' per-kind field labels are JSON paths of the object; Bosun takes any such path
      // (docs/api.md), which storage evaluates in SQL.
      if (!FIELD_PATH.matcher(requirement.path()).matches()) {
        throw Status.badRequest("field label not supported: " + requirement.path()).asException();
      }
    }
    if (type.conversion() != null) {
      fields =
          new FieldSelector(
              fields.requirements().stream()
                  .map(
                      r ->
                          new FieldSelector.Requirement(
                              type.conversion().storedField(r.path()), r.negated(), r.value()))
                  .toList());
    }
    return new Selection(namespace, LabelSelector.parse(query.apply("labelSelector")), fields);
  }

  /** The options of a list request. */
  public static ListOptions list(
      ResourceType type, String namespace, Function<String, String> query) {
    int limit = 0;
    String limitText = query.apply("limit");
    if (limitText != null && !limitText.isEmpty()) {
      try {
        limit = Math.max(0, Integer.parseInt(limitText));
      } catch (NumberFormatException e) {
        throw Status.badRequest("invalid limit: " + limitText).asException();
      }
    }
    String continueToken = emptyToNull(query.apply("continue"));
    String rv = emptyToNull(query.apply("resourceVersion"));
    String match = emptyToNull(query.apply("resourceVersionMatch"));
    if (continueToken != null && rv != null && !rv.equals("0")) {
      throw Status.badRequest("specifying resource version is not allowed when using continue")
          .asException();
    }
    if (match != null && rv == null) {
      throw Status.badRequest(
              "resourceVersionMatch is forbidden unless resourceVersion is provided")
          .asException();
    }
    Long version = null;
    boolean exact = false;
    if (rv != null && !rv.equals("0")) {
      version = parseVersion(rv);
      if (match == null || match.equals("NotOlderThan")) {
        exact = false;
      } else if (match.equals("Exact")) {
        exact = true;
      } else {
        throw Status.badRequest("unsupported resourceVersionMatch: " + match).asException();
      }
    }
    return new ListOptions(
        type.storageResource(),
        selection(type, namespace, query),
        limit,
        continueToken,
        version,
        exact);
  }

  /** The options of a watch request. */
  public static WatchOptions watch(
      ResourceType type, String namespace, Function<String, String> query) {
    String rv = emptyToNull(query.apply("resourceVersion"));
    boolean bookmarks = "true".equals(query.apply("allowWatchBookmarks"));
    boolean initialEvents = "true".equals(query.apply("sendInitialEvents"));
    if (initialEvents) {
      if (!"NotOlderThan".equals(query.apply("resourceVersionMatch"))) {
        throw Status.badRequest(
                "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")
            .asException();
      }
      if (!bookmarks) {
        throw Status.badRequest("sendInitialEvents requires allowWatchBookmarks=true")
            .asException();
      }
    }
    // An empty or "0" version, or initial events, start with the current state as ADDED events.
    Long version = rv == null || rv.equals("0") || initialEvents ? null : parseVersion(rv);
    return new WatchOptions(
        type.storageResource(),
        selection(type, namespace, query),
        version,
        bookmarks ? BOOKMARK_INTERVAL : null,
        initialEvents);
  }

  private static long parseVersion(String rv) {
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw Status.badRequest("invalid resource version: " + rv).asException();
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
