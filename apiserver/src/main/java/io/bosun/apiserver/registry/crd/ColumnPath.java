package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSONPath of a printer column, in the subset CRDs use: fields ({@code .status.phase}), keys
 * ({@code ['app.kubernetes.io/name']}), indexes ({@code [0]}), wildcards ({@code [*]}) and filters
 * ({@code [?(@.type=="Ready")]} with {@code ==} or {@code !=}). Like Kubernetes, a column shows the
 * first result.
 */
final class ColumnPath {
  private ColumnPath() {}

  /** The first value {@code path} selects in {@code object}, or null. */
  static JsonNode first(JsonNode object, String path) {
    List<JsonNode> current = List.of(object);
    String rest =
        path.startsWith("{") && path.endsWith("}") ? path.substring(1, path.length() - 1) : path;
    while (!rest.isEmpty() && !current.isEmpty()) {
      List<JsonNode> next = new ArrayList<>();
      if (rest.startsWith(".")) {
        int end = 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        String field = rest.substring(1, end);
        rest = rest.substring(end);
        for (JsonNode node : current) {
          if (field.isEmpty()) {
            next.add(node);
          } else if (node.has(field)) {
            next.add(node.get(field));
          }
        }
      } else if (rest.startsWith("[")) {
        int end = closing(rest);
        if (end < 0) {
          return null;
        }
        String selector = rest.substring(1, end).trim();
        rest = rest.substring(end + 1);
        for (JsonNode node : current) {
          select(node, selector, next);
        }
      } else {
        return null;
      }
      current = next;
    }
    return current.isEmpty() ? null : current.get(0);
  }

  private static int closing(String text) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        depth--;
        if (depth == 0 && c == ']') {
          return i;
        }
      }
    }
    return -1;
  }

  private static void select(JsonNode node, String selector, List<JsonNode> into) {
    if (selector.equals("*")) {
      if (node.isArray()) {
        node.forEach(into::add);
      } else if (node.isObject()) {
        node.fields().forEachRemaining(e -> into.add(e.getValue()));
      }
    } else if (selector.startsWith("?(") && selector.endsWith(")")) {
      filter(node, selector.substring(2, selector.length() - 1).trim(), into);
    } else if (quoted(selector)) {
      String key = selector.substring(1, selector.length() - 1);
      if (node.has(key)) {
        into.add(node.get(key));
      }
    } else {
      try {
        int index = Integer.parseInt(selector);
        int at = index < 0 ? node.size() + index : index;
        if (node.isArray() && at >= 0 && at < node.size()) {
          into.add(node.get(at));
        }
      } catch (NumberFormatException e) {
        // Not a selector of this subset: selects nothing.
      }
    }
  }

  /** {@code @.a.b == "x"} or {@code @.a != 'x'}, over the items of a list. */
  private static void filter(JsonNode node, String condition, List<JsonNode> into) {
    boolean negated = condition.contains("!=");
    String[] parts = condition.split(negated ? "!=" : "==", 2);
    if (parts.length != 2 || !parts[0].trim().startsWith("@")) {
      return;
    }
    String path = parts[0].trim().substring(1);
    String literal = parts[1].trim();
    String expected = quoted(literal) ? literal.substring(1, literal.length() - 1) : literal;
    Iterable<JsonNode> items = node.isArray() ? node : node.isObject() ? values(node) : List.of();
    for (JsonNode item : items) {
      JsonNode actual = first(item, path);
      boolean equal =
          actual != null && !actual.isContainerNode() && actual.asText().equals(expected);
      if (equal != negated) {
        into.add(item);
      }
    }
  }

  private static List<JsonNode> values(JsonNode object) {
    List<JsonNode> values = new ArrayList<>();
    object.fields().forEachRemaining((Map.Entry<String, JsonNode> e) -> values.add(e.getValue()));
    return values;
  }

  private static boolean quoted(String text) {
    return text.length() >= 2
        && ((text.startsWith("'") && text.endsWith("'"))
            || (text.startsWith("\"") && text.endsWith("\"")));
  }
}
