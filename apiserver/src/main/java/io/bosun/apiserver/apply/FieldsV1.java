package io.bosun.apiserver.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes' {@code FieldsV1} encoding of a {@link FieldSet}: a tree of JSON objects whose keys
 * are path elements ({@code f:name}, {@code k:{"name":"web"}}, {@code v:"value"}, {@code i:0}) and
 * where {@code "."} marks a node that is itself a member besides having members under it. A member
 * with nothing under it is an empty object.
 */
public final class FieldsV1 {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FieldsV1() {}

  /** Encodes a set; children appear in path-element order, {@code "."} first. */
  public static ObjectNode encode(FieldSet set) {
    Node root = new Node();
    for (FieldPath path : set.paths()) {
      Node node = root;
      for (PathElement element : path.elements()) {
        node = node.children.computeIfAbsent(element, e -> new Node());
      }
      node.member = true;
    }
    return root.toJson(false);
  }

  /**
   * Decodes a {@code fieldsV1} object.
   *
   * @throws IllegalArgumentException if it is not well-formed
   */
  public static FieldSet decode(JsonNode fields) {
    if (fields == null || fields.isNull()) {
      return FieldSet.empty();
    }
    if (!fields.isObject()) {
      throw new IllegalArgumentException("fieldsV1 must be an object");
    }
    FieldSet.Builder set = new FieldSet.Builder();
    decode(fields, FieldPath.ROOT, set);
    return set.build();
  }

  private static void decode(JsonNode node, FieldPath path, FieldSet.Builder set) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isObject()) {
        throw new IllegalArgumentException("fieldsV1 values must be objects");
      }
      if (entry.getKey().equals(".")) {
        if (path.isRoot()) {
          throw new IllegalArgumentException("fieldsV1 may not mark the root");
        }
        set.add(path);
        continue;
      }
      FieldPath child = path.child(element(entry.getKey()));
      if (entry.getValue().isEmpty()) {
        set.add(child);
      } else {
        decode(entry.getValue(), child, set);
      }
    }
  }

  /** Parses one key of the encoding into a path element. */
  static PathElement element(String key) {
    if (key.length() < 2 || key.charAt(1) != ':') {
      throw new IllegalArgumentException("unknown fieldsV1 key " + key);
    }
    String rest = key.substring(2);
    switch (key.charAt(0)) {
      case 'f':
        return new PathElement.Field(rest);
      case 'v':
        return new PathElement.Value(json(rest));
      case 'i':
        try {
          return new PathElement.Index(Integer.parseInt(rest));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad index in fieldsV1 key " + key);
        }
      case 'k':
        JsonNode keys = json(rest);
        if (!keys.isObject()) {
          throw new IllegalArgumentException("bad key in fieldsV1 key " + key);
        }
        List<PathElement.KeyField> fields = new ArrayList<>();
        keys.fields()
            .forEachRemaining(f -> fields.add(new PathElement.KeyField(f.getKey(), f.getValue())));
        return new PathElement.Key(fields);
      default:
        throw new IllegalArgumentException("unknown fieldsV1 key " + key);
    }
  }

  /** The key of one path element in the encoding. */
  static String key(PathElement element) {
    if (element instanceof PathElement.Field field) {
      return "f:" + field.name();
    }
    if (element instanceof PathElement.Value value) {
      return "v:" + value.value();
    }
    if (element instanceof PathElement.Index index) {
      return "i:" + index.index();
    }
    ObjectNode keys = NODES.objectNode();
    ((PathElement.Key) element).fields().forEach(f -> keys.set(f.name(), f.value()));
    return "k:" + keys;
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON in fieldsV1 key: " + text);
    }
  }

  /** A node of the tree being encoded. */
  private static final class Node {
    boolean member;
    final TreeMap<PathElement, Node> children = new TreeMap<>();

    ObjectNode toJson(boolean markSelf) {
      ObjectNode json = NODES.objectNode();
      if (markSelf && member && !children.isEmpty()) {
        json.putObject(".");
      }
      children.forEach((element, child) -> json.set(key(element), child.toJson(true)));
      return json;
    }
  }
}
