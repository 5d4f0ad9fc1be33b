package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON values as field management sees them: numbers compare by value whatever their Java type (so
 * {@code 1} parsed as an int equals {@code 1} parsed as a long), and values have a total order so
 * that sets of list items sort the same way on every server.
 */
final class Values {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Values() {}

  /** Returns whether two values are equal, numbers compared by value. */
  static boolean equal(JsonNode a, JsonNode b) {
    return compare(a, b) == 0;
  }

  /**
   * A total order: null, booleans, numbers, strings, lists, then objects; lists and objects compare
   * element by element (objects by their sorted entries).
   */
  static int compare(JsonNode a, JsonNode b) {
    int rank = Integer.compare(rank(a), rank(b));
    if (rank != 0) {
      return rank;
    }
    if (a.isBoolean()) {
      return Boolean.compare(a.booleanValue(), b.booleanValue());
    }
    if (a.isNumber()) {
      return a.isIntegralNumber()
              && b.isIntegralNumber()
              && a.canConvertToLong()
              && b.canConvertToLong()
          ? Long.compare(a.longValue(), b.longValue())
          : a.decimalValue().compareTo(b.decimalValue());
    }
    if (a.isTextual()) {
      return a.textValue().compareTo(b.textValue());
    }
    if (a.isArray()) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }
    if (a.isObject()) {
      List<String> aKeys = sortedKeys(a);
      List<String> bKeys = sortedKeys(b);
      for (int i = 0; i < Math.min(aKeys.size(), bKeys.size()); i++) {
        int c = aKeys.get(i).compareTo(bKeys.get(i));
        if (c == 0) {
          c = compare(a.get(aKeys.get(i)), b.get(bKeys.get(i)));
        }
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(aKeys.size(), bKeys.size());
    }
    return 0;
  }

  /**
   * The value in a canonical form: integral numbers as longs, so that records holding it compare.
   */
  static JsonNode canonical(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return NODES.numberNode(value.longValue());
    }
    if (value.isArray()) {
      ArrayNode out = NODES.arrayNode();
      value.forEach(v -> out.add(canonical(v)));
      return out;
    }
    if (value.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (String key : sortedKeys(value)) {
        out.set(key, canonical(value.get(key)));
      }
      return out;
    }
    return value;
  }

  /** The value as Kubernetes prints it in field paths: strings quoted, the rest as JSON. */
  static String print(JsonNode value) {
    return value.toString();
  }

  /** Returns whether a value is an object or list with nothing in it. */
  static boolean emptyContainer(JsonNode value) {
    return value != null && value.isContainerNode() && value.isEmpty();
  }

  /** Drops every object field whose value is JSON null, at any depth; returns the value. */
  static JsonNode withoutNulls(JsonNode value) {
    if (value instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isNull()) {
          it.remove();
        } else {
          withoutNulls(field.getValue());
        }
      }
    } else if (value instanceof ArrayNode array) {
      array.forEach(Values::withoutNulls);
    }
    return value;
  }

  private static List<String> sortedKeys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    return keys;
  }

  private static int rank(JsonNode value) {
    if (value.isNull()) {
      return 0;
    }
    if (value.isBoolean()) {
      return 1;
    }
    if (value.isNumber()) {
      return 2;
    }
    if (value.isTextual()) {
      return 3;
    }
    return value.isArray() ? 4 : 5;
  }
}
