package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a kind's Table output ({@code kubectl get}): its definition and how to compute the
 * cell from the object.
 *
 * @param name the column header, such as {@code Data}
 * @param type the OpenAPI type of the cell ({@code string}, {@code integer}, ...)
 * @param format the format ({@code name} for the name column), or empty
 * @param description what the column shows
 * @param priority 0 for the default columns, 1 for {@code -o wide} only
 * @param cell computes the cell from the object and the time of the request
 */
public record TableColumn(
    String name, String type, String format, String description, int priority, Cell cell) {

  /** Computes one cell; {@code now} is the request's time, for ages and durations. */
  @FunctionalInterface
  public interface Cell {
    Object value(JsonNode object, Instant now);
  }

  /** The object's name: the column of format {@code name} that every table has once. */
  public static final TableColumn NAME =
      new TableColumn(
          "Name",
          "string",
          "name",
          "Name must be unique within a namespace.",
          0,
          (o, now) -> o.path("metadata").path("name").asText());

  /** The time since the object was created. */
  public static final TableColumn AGE =
      new TableColumn(
          "Age",
          "string",
          "",
          "CreationTimestamp is a timestamp representing the server time when this object was"
              + " created.",
          0,
          (o, now) -> Ages.since(o.path("metadata").path("creationTimestamp"), now));

  public TableColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(cell, "cell");
    format = format == null ? "" : format;
    description = description == null ? "" : description;
  }

  /** A column whose cell does not depend on the time. */
  public TableColumn(
      String name,
      String type,
      String format,
      String description,
      int priority,
      Function<JsonNode, Object> cell) {
    this(name, type, format, description, priority, timeless(cell));
  }

  /** A default column. */
  public static TableColumn of(
      String name, String type, String description, Function<JsonNode, Object> cell) {
    return new TableColumn(name, type, "", description, 0, timeless(cell));
  }

  /** A default column whose cell depends on the time (an age or a duration). */
  public static TableColumn timed(String name, String type, String description, Cell cell) {
    return new TableColumn(name, type, "", description, 0, cell);
  }

  /** A column that only {@code kubectl get -o wide} shows. */
  public static TableColumn wide(
      String name, String type, String description, Function<JsonNode, Object> cell) {
    return new TableColumn(name, type, "", description, 1, timeless(cell));
  }

  /** Returns whether this is the name column. */
  public boolean isName() {
    return format.equals("name");
  }

  private static Cell timeless(Function<JsonNode, Object> cell) {
    Objects.requireNonNull(cell, "cell");
    return (object, now) -> cell.apply(object);
  }
}
