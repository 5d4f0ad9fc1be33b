package io.bosun.apiserver.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Reads the few fields storage needs out of a JSON document without binding all of it. */
public final class Documents {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Documents() {}

  /** Returns {@code metadata.labels} of a document, or an empty map. */
  public static Map<String, String> labels(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (!enter(parser, "metadata") || !enter(parser, "labels")) {
        return Map.of();
      }
      Map<String, String> labels = new HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          labels.put(key, parser.getText());
        } else {
          parser.skipChildren();
        }
      }
      return labels;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code metadata.uid} of a document, or null. */
  public static String uid(String json) {
    return field(json, "metadata.uid");
  }

  /** Returns the scalar at a dotted path as text, or null when absent or not a scalar. */
  public static String field(String json, String path) {
    try {
      JsonNode node = MAPPER.readTree(json);
      for (String part : path.split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      return node == null || node.isContainerNode() || node.isNull() ? null : node.asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the string value of the top-level field {@code name}, or null when the field is absent,
   * is not a string, holds an escape, or the text stops being a well-formed object before it.
   *
   * <p>A scan, not a parse: strings are skipped with {@code indexOf} and only the characters
   * between them are looked at, so reading {@code apiVersion} out of every item of a 10,000-object
   * list takes milliseconds where building each tree took most of the list's CPU time.
   */
  public static String topLevelString(String json, String name) {
    int i = space(json, 0);
    if (!at(json, i, '{')) {
      return null;
    }
    while (true) {
      i = space(json, i + 1);
      if (!at(json, i, '"')) {
        return null;
      }
      int keyEnd = stringEnd(json, i);
      if (keyEnd < 0) {
        return null;
      }
      boolean match = keyEnd - i - 1 == name.length() && json.startsWith(name, i + 1);
      i = space(json, keyEnd + 1);
      if (!at(json, i, ':')) {
        return null;
      }
      i = space(json, i + 1);
      if (match) {
        int end = at(json, i, '"') ? stringEnd(json, i) : -1;
        String value = end < 0 ? null : json.substring(i + 1, end);
        return value == null || value.indexOf('\\') >= 0 ? null : value;
      }
      i = valueEnd(json, i);
      i = i < 0 ? -1 : space(json, i);
      if (!at(json, i, ',')) {
        return null;
      }
    }
  }

  /** The index just past the value starting at {@code start}, or -1 when it does not end. */
  private static int valueEnd(String json, int start) {
    if (at(json, start, '"')) {
      int end = stringEnd(json, start);
      return end < 0 ? -1 : end + 1;
    }
    int depth = 0;
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '"' -> {
          i = stringEnd(json, i);
          if (i < 0) {
            return -1;
          }
        }
        case '{', '[' -> depth++;
        case '}', ']' -> {
          if (depth == 0) {
            return i;
          }
          if (--depth == 0) {
            return i + 1;
          }
        }
        case ',', ' ', '\t', '\n', '\r' -> {
          if (depth == 0) {
            return i;
          }
        }
        default -> {}
      }
    }
    return depth == 0 ? json.length() : -1;
  }

  /** The index of the quote closing the string that opens at {@code start}, or -1. */
  private static int stringEnd(String json, int start) {
    int from = start + 1;
    while (true) {
      int quote = json.indexOf('"', from);
      if (quote < 0) {
        return -1;
      }
      int backslashes = 0;
      while (json.charAt(quote - 1 - backslashes) == '\\') {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        return quote;
      }
      from = quote + 1;
    }
  }

  private static int space(String json, int i) {
    while (i >= 0 && i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean at(String json, int i, char c) {
    return i >= 0 && i < json.length() && json.charAt(i) == c;
  }

  /** Returns the document with {@code metadata.resourceVersion} set to {@code resourceVersion}. */
  public static String withResourceVersion(String json, long resourceVersion) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode root =
          (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(json);
      JsonNode metadata = root.get("metadata");
      com.fasterxml.jackson.databind.node.ObjectNode meta =
          metadata instanceof com.fasterxml.jackson.databind.node.ObjectNode m
              ? m
              : root.putObject("metadata");
      meta.put("resourceVersion", Long.toString(resourceVersion));
      return MAPPER.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Advances into the object value of field {@code name} of the current object. */
  private static boolean enter(JsonParser parser, String name) throws IOException {
    if (parser.currentToken() == null && parser.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals(name)) {
        return value == JsonToken.START_OBJECT;
      }
      parser.skipChildren();
    }
    return false;
  }
}
