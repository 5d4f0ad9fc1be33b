package io.bosun.controller.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Converts between a resource's Java type and its JSON: a Jackson-mapped class (the fabric8 kinds,
 * {@code GenericKubernetesResource}, custom resources) or the JSON tree itself.
 *
 * @param <T> the Java type
 */
public interface Codec<T> {

  /** The object a JSON tree describes; the tree is not kept. */
  T fromTree(ObjectNode tree);

  /** The JSON tree of an object; a fresh tree the caller may change. */
  ObjectNode toTree(T object);

  /** The object described by JSON bytes. */
  T read(byte[] json);

  /** A codec for a Jackson-mapped class. */
  static <T> Codec<T> mapped(Class<T> type) {
    // Bound once: a reader skips the type and deserializer look-ups a mapper makes on every read.
    ObjectReader reader = Json.MAPPER.readerFor(type);
    return new Codec<>() {
      @Override
      public T fromTree(ObjectNode tree) {
        try {
          return Json.MAPPER.treeToValue(tree, type);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
      }

      @Override
      public ObjectNode toTree(T object) {
        return Json.MAPPER.valueToTree(object);
      }

      @Override
      public T read(byte[] json) {
        try {
          return reader.readValue(json);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** The identity codec of JSON trees; {@link #fromTree} hands back the same tree. */
  static Codec<ObjectNode> tree() {
    return new Codec<>() {
      @Override
      public ObjectNode fromTree(ObjectNode tree) {
        return tree;
      }

      @Override
      public ObjectNode toTree(ObjectNode object) {
        return object.deepCopy();
      }

      @Override
      public ObjectNode read(byte[] json) {
        try {
          JsonNode node = Json.MAPPER.readTree(json);
          if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("not a JSON object");
          }
          return object;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
