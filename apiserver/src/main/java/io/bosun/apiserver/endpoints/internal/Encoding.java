package io.bosun.apiserver.endpoints.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Ages;
import io.bosun.apiserver.registry.Deleted;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.TableColumn;
import io.bosun.apiserver.storage.Documents;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.vertx.core.buffer.Buffer;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes responses: lists built around the stored JSON text without re-parsing it, Table responses
 * for {@code kubectl get}, and watch event lines.
 */
public final class Encoding {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Encoding() {}

  /** A list response; the items are the stored JSON texts written straight through. */
  public static Buffer list(ResourceType type, ListResult result) {
    List<StoredObject> items = result.items();
    int size = 256;
    for (StoredObject item : items) {
      size += item.json().length() + 1;
    }
    ChunkedBody out = new ChunkedBody(size);
    out.append("{\"kind\":\"")
        .append(type.listKind())
        .append("\",\"apiVersion\":\"")
        .append(type.apiVersion())
        .append("\",\"metadata\":{\"resourceVersion\":\"")
        .append(Long.toString(result.resourceVersion()))
        .append("\"");
    if (result.continueToken() != null) {
      out.append(",\"continue\":").append(quote(result.continueToken()));
      if (result.remainingItemCount() != null) {
        out.append(",\"remainingItemCount\":").append(Long.toString(result.remainingItemCount()));
      }
    }
    out.append("},\"items\":[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(items.get(i).json());
    }
    return out.append("]}").finish();
  }

  /**
   * The answer to a delete: the object while it is only marked or when the kind returns deleted
   * objects (pods do); otherwise a Success {@code Status}, as kube-apiserver answers.
   */
  public static String deleted(ResourceType type, Deleted deleted) {
    if (!deleted.gone() || type.returnsDeletedObject()) {
      return deleted.object().json();
    }
    ObjectNode status = MAPPER.createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = status.putObject("details");
    details.put("name", deleted.object().key().name());
    if (!type.group().isEmpty()) {
      details.put("group", type.group());
    }
    details.put("kind", type.resource());
    String uid = Documents.uid(deleted.object().json());
    if (uid != null) {
      details.put("uid", uid);
    }
    return status.toString();
  }

  /** A bare Success {@code Status}, the answer to an action such as a pod binding. */
  public static String success(int code) {
    ObjectNode status = MAPPER.createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
    return status.put("status", "Success").put("code", code).toString();
  }

  /**
   * A Table of objects, as {@code kubectl get} asks for: every column of the kind, the wide ones
   * included (kubectl hides priority 1 unless {@code -o wide}), and each row's object as {@code
   * include} says.
   */
  public static String table(
      ResourceType type,
      List<StoredObject> items,
      long resourceVersion,
      String continueToken,
      Instant now,
      Output output) {
    ObjectNode table = MAPPER.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", output.apiVersion());
    ObjectNode metadata = table.putObject("metadata");
    metadata.put("resourceVersion", String.valueOf(resourceVersion));
    if (continueToken != null) {
      metadata.put("continue", continueToken);
    }
    List<TableColumn> columns = columns(type);
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (TableColumn c : columns) {
      ObjectNode column = definitions.addObject();
      column.put("name", c.name());
      column.put("type", c.type());
      column.put("format", c.format());
      column.put("description", c.description());
      column.put("priority", c.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (StoredObject item : items) {
      JsonNode object = read(item.json());
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (TableColumn c : columns) {
        Object cell = c.cell().value(object, now);
        // A custom resource's date column holds the instant; kubectl shows its age.
        cells.addPOJO(
            cell instanceof Instant instant
                ? Ages.humanDuration(Duration.between(instant, now))
                : cell);
      }
      switch (output.includeObject()) {
        case OBJECT -> row.set("object", object);
        case METADATA -> row.set("object", partial(object, output.apiVersion()));
        case NONE -> {}
      }
    }
    return table.toString();
  }

  /** A {@code PartialObjectMetadata}: the object's metadata alone. */
  public static String partialObjectMetadata(StoredObject object, String apiVersion) {
    return partial(read(object.json()), apiVersion).toString();
  }

  /** A {@code PartialObjectMetadataList}: the list's metadata and each item's. */
  public static String partialObjectMetadataList(ListResult result, String apiVersion) {
    ObjectNode list = MAPPER.createObjectNode();
    list.put("kind", "PartialObjectMetadataList");
    list.put("apiVersion", apiVersion);
    ObjectNode metadata = list.putObject("metadata");
    metadata.put("resourceVersion", String.valueOf(result.resourceVersion()));
    if (result.continueToken() != null) {
      metadata.put("continue", result.continueToken());
      if (result.remainingItemCount() != null) {
        metadata.put("remainingItemCount", result.remainingItemCount());
      }
    }
    ArrayNode items = list.putArray("items");
    result.items().forEach(item -> items.add(partial(read(item.json()), apiVersion)));
    return list.toString();
  }

  /** The kind's columns; a list without the name column gets Name before and Age after. */
  private static List<TableColumn> columns(ResourceType type) {
    if (type.columns().stream().anyMatch(TableColumn::isName)) {
      return type.columns();
    }
    List<TableColumn> columns = new ArrayList<>();
    columns.add(TableColumn.NAME);
    columns.addAll(type.columns());
    if (type.ageColumn()) {
      columns.add(TableColumn.AGE);
    }
    return columns;
  }

  private static ObjectNode partial(JsonNode object, String apiVersion) {
    ObjectNode partial = MAPPER.createObjectNode();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", apiVersion);
    partial.set("metadata", object.path("metadata"));
    return partial;
  }

  /**
   * One watch event line, {@code {"type":"ADDED","object":{...}}} and a newline, its object in the
   * negotiated form.
   */
  public static String event(ResourceType type, WatchEvent event, Output output, Instant now) {
    Output form = output.forWatch();
    String object;
    if (event.type() == WatchEvent.Type.BOOKMARK) {
      ObjectNode bookmark = MAPPER.createObjectNode();
      switch (form.form()) {
        case TABLE -> bookmark.put("kind", "Table").put("apiVersion", form.apiVersion());
        case METADATA ->
            bookmark.put("kind", "PartialObjectMetadata").put("apiVersion", form.apiVersion());
        default -> bookmark.put("kind", type.kind()).put("apiVersion", type.apiVersion());
      }
      ObjectNode metadata = bookmark.putObject("metadata");
      metadata.put("resourceVersion", String.valueOf(event.resourceVersion()));
      if (event.initialEventsEnd()) {
        metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
      }
      object = bookmark.toString();
    } else if (form.form() == Output.Form.TABLE) {
      object = table(type, List.of(event.object()), event.resourceVersion(), null, now, form);
    } else {
      object = form.object(type, event.object(), now);
    }
    return "{\"type\":\"" + event.type().name() + "\",\"object\":" + object + "}\n";
  }

  /** An ERROR watch event carrying a Status. */
  public static String errorEvent(String statusJson) {
    return "{\"type\":\"ERROR\",\"object\":" + statusJson + "}\n";
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
