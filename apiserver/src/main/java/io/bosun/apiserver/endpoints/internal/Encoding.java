package io.bosun.apiserver.endpoints.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.TableColumn;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Writes responses: lists built around the stored JSON text without re-parsing it, Table responses
 * for {@code kubectl get}, and watch event lines.
 */
public final class Encoding {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Encoding() {}

  /** Returns whether an Accept header asks for a meta.k8s.io Table. */
  public static boolean wantsTable(String accept) {
    return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
  }

  /** A list response; the items are the stored JSON texts written straight through. */
  public static String list(ResourceType type, ListResult result) {
    StringBuilder out = new StringBuilder(256 + result.items().size() * 512);
    out.append("{\"kind\":\"").append(type.listKind()).append("\",\"apiVersion\":\"");
    out.append(type.apiVersion()).append("\",\"metadata\":{\"resourceVersion\":\"");
    out.append(result.resourceVersion()).append('"');
    if (result.continueToken() != null) {
      out.append(",\"continue\":").append(quote(result.continueToken()));
      if (result.remainingItemCount() != null) {
        out.append(",\"remainingItemCount\":").append(result.remainingItemCount());
      }
    }
    out.append("},\"items\":[");
    List<StoredObject> items = result.items();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(items.get(i).json());
    }
    return out.append("]}").toString();
  }

  /** A Table of objects, as {@code kubectl get} asks for. */
  public static String table(
      ResourceType type,
      List<StoredObject> items,
      long resourceVersion,
      String continueToken,
      Clock clock) {
    ObjectNode table = MAPPER.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    metadata.put("resourceVersion", String.valueOf(resourceVersion));
    if (continueToken != null) {
      metadata.put("continue", continueToken);
    }
    ArrayNode columns = table.putArray("columnDefinitions");
    column(columns, "Name", "string", "name", "Name must be unique within a namespace.", 0);
    for (TableColumn c : type.columns()) {
      column(columns, c.name(), c.type(), c.format(), c.description(), c.priority());
    }
    if (type.ageColumn()) {
      column(columns, "Age", "string", "", "CreationTimestamp of the object.", 0);
    }
    ArrayNode rows = table.putArray("rows");
    for (StoredObject item : items) {
      JsonNode object = read(item.json());
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.path("metadata").path("name").asText());
      for (TableColumn c : type.columns()) {
        Object cell = c.cell().apply(object);
        if (cell instanceof Instant instant) {
          cells.add(humanDuration(Duration.between(instant, clock.instant())));
        } else {
          cells.addPOJO(cell);
        }
      }
      if (type.ageColumn()) {
        cells.add(age(object.path("metadata").path("creationTimestamp").asText(""), clock));
      }
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata"));
    }
    return table.toString();
  }

  /** One watch event line: {@code {"type":"ADDED","object":{...}}} and a newline. */
  public static String event(ResourceType type, WatchEvent event, boolean table, Clock clock) {
    String object;
    if (event.type() == WatchEvent.Type.BOOKMARK) {
      ObjectNode bookmark = MAPPER.createObjectNode();
      bookmark.put("kind", table ? "Table" : type.kind());
      bookmark.put("apiVersion", table ? "meta.k8s.io/v1" : type.apiVersion());
      ObjectNode metadata = bookmark.putObject("metadata");
      metadata.put("resourceVersion", String.valueOf(event.resourceVersion()));
      if (event.initialEventsEnd()) {
        metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
      }
      object = bookmark.toString();
    } else if (table) {
      object = table(type, List.of(event.object()), event.resourceVersion(), null, clock);
    } else {
      object = event.object().json();
    }
    return "{\"type\":\"" + event.type().name() + "\",\"object\":" + object + "}\n";
  }

  /** An ERROR watch event carrying a Status. */
  public static String errorEvent(String statusJson) {
    return "{\"type\":\"ERROR\",\"object\":" + statusJson + "}\n";
  }

  /** A duration the way kubectl shows ages: {@code 45s}, {@code 3m12s}, {@code 5h}, {@code 12d}. */
  public static String age(String creationTimestamp, Clock clock) {
    Instant created;
    try {
      created = Instant.parse(creationTimestamp);
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
    return humanDuration(Duration.between(created, clock.instant()));
  }

  /** Kubernetes' {@code duration.HumanDuration}. */
  public static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      long days = (hours / 24) % 365;
      return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
    }
    return hours / 24 / 365 + "y";
  }

  private static void column(
      ArrayNode columns,
      String name,
      String type,
      String format,
      String description,
      int priority) {
    ObjectNode column = columns.addObject();
    column.put("name", name);
    column.put("type", type);
    column.put("format", format);
    column.put("description", description);
    column.put("priority", priority);
  }

  private static String quote(String text) {
    try {
      return MAPPER.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
