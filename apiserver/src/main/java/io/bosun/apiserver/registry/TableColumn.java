package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
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
 * @param cell computes the cell from the object
 */
public record TableColumn(
    String name,
    String type,
    String format,
    String description,
    int priority,
    Function<JsonNode, Object> cell) {

  public TableColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(cell, "cell");
    format = format == null ? "" : format;
    description = description == null ? "" : description;
  }

  /** A default column. */
  public static TableColumn of(
      String name, String type, String description, Function<JsonNode, Object> cell) {
    return new TableColumn(name, type, "", description, 0, cell);
  }
}
