package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.TableColumn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The Table columns of a custom resource version, from its {@code additionalPrinterColumns}: each
 * cell is the first value the column's JSONPath selects, typed as the column says (a {@code date}
 * column gives the instant, which Table output shows as an age).
 */
final class PrinterColumns {
  private PrinterColumns() {}

  static List<TableColumn> of(List<Crd.Column> columns) {
    return columns.stream().map(PrinterColumns::column).toList();
  }

  private static TableColumn column(Crd.Column c) {
    String description =
        c.description().isEmpty()
            ? "Custom resource definition column (in JSONPath format): " + c.jsonPath()
            : c.description();
    return new TableColumn(
        c.name(), c.type(), c.format(), description, c.priority(), o -> cell(c, o));
  }

  private static Object cell(Crd.Column column, JsonNode object) {
    JsonNode value = ColumnPath.first(object, column.jsonPath());
    if (value == null || value.isNull()) {
      return null;
    }
    return switch (column.type()) {
      case "integer" -> value.isNumber() ? value.asLong() : null;
      case "number" -> value.isNumber() ? value.asDouble() : null;
      case "boolean" -> value.isBoolean() ? value.asBoolean() : null;
      case "date" -> date(value);
      default -> value.isTextual() ? value.asText() : value.toString();
    };
  }

  private static Object date(JsonNode value) {
    if (!value.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }
}
