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
