package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.Ages;
import io.bosun.apiserver.registry.TableColumn;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The event table, LAST SEEN TYPE REASON OBJECT MESSAGE (wide: SUBOBJECT SOURCE FIRST SEEN COUNT
 * NAME), for core/v1 events and for events.k8s.io/v1 events, whose fields have other names.
 */
final class EventColumns {
  private EventColumns() {}

  /** Where each form keeps what the table shows. */
  private record Fields(
      String regarding,
      String message,
      String source,
      String firstSeen,
      String lastSeen,
      String count,
      String controller) {}

  static final List<TableColumn> CORE =
      columns(
          new Fields(
              "involvedObject",
              "message",
              "source",
              "firstTimestamp",
              "lastTimestamp",
              "count",
              "reportingComponent"));

  static final List<TableColumn> EVENTS_API =
      columns(
          new Fields(
              "regarding",
              "note",
              "deprecatedSource",
              "deprecatedFirstTimestamp",
              "deprecatedLastTimestamp",
              "deprecatedCount",
              "reportingController"));

  private static List<TableColumn> columns(Fields f) {
    return List.of(
        TableColumn.timed(
            "Last Seen",
            "string",
            "The time at which the event was last seen.",
            (o, now) -> lastSeen(o, f, now)),
        TableColumn.of("Type", "string", "Normal or Warning.", o -> o.path("type").asText("")),
        TableColumn.of(
            "Reason", "string", "Why the action was taken.", o -> o.path("reason").asText("")),
        TableColumn.of(
            "Object",
            "string",
            "The object this event is about.",
            o -> object(o.path(f.regarding))),
        new TableColumn(
            "Subobject",
            "string",
            "",
            "The part of the object the event is about.",
            1,
            o -> o.path(f.regarding).path("fieldPath").asText("")),
        new TableColumn(
            "Source", "string", "", "The component reporting this event.", 1, o -> source(o, f)),
        TableColumn.of(
            "Message",
            "string",
            "A human-readable description of the status of this operation.",
            o -> o.path(f.message).asText("").strip()),
        new TableColumn(
            "First Seen",
            "string",
            "",
            "The time at which the event was first recorded.",
            1,
            (JsonNode o, Instant now) -> firstSeen(o, f, now)),
        new TableColumn(
            "Count",
            "string",
            "",
            "The number of times this event has occurred.",
            1,
            o -> count(o, f)),
        new TableColumn(
            "Name",
            "string",
            "name",
            "Name must be unique within a namespace.",
            1,
            o -> o.at("/metadata/name").asText("")));
  }

  private static String firstSeen(JsonNode event, Fields f, Instant now) {
    JsonNode first = event.path(f.firstSeen);
    return Ages.instant(first) != null
        ? Ages.since(first, now)
        : Ages.since(event.path("eventTime"), now);
  }

  private static String lastSeen(JsonNode event, Fields f, Instant now) {
    if (event.path("series").isObject()) {
      return Ages.since(event.at("/series/lastObservedTime"), now);
    }
    JsonNode last = event.path(f.lastSeen);
    return Ages.instant(last) != null ? Ages.since(last, now) : firstSeen(event, f, now);
  }

  private static long count(JsonNode event, Fields f) {
    if (event.path("series").isObject()) {
      return event.at("/series/count").asLong(0);
    }
    // A singleton event of the new API has no count.
    long count = event.path(f.count).asLong(0);
    return count == 0 ? 1 : count;
  }

  private static String object(JsonNode regarding) {
    String kind = regarding.path("kind").asText("").toLowerCase(Locale.ROOT);
    String name = regarding.path("name").asText("");
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  /** The component and host, each falling back to the reporting controller and instance. */
  private static String source(JsonNode event, Fields f) {
    String component = event.path(f.source).path("component").asText("");
    if (component.isEmpty()) {
      component = event.path(f.controller).asText("");
    }
    String host = event.path(f.source).path("host").asText("");
    if (host.isEmpty()) {
      host = event.path("reportingInstance").asText("");
    }
    return host.isEmpty() ? component : component + ", " + host;
  }
}
