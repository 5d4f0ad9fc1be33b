package io.bosun.apiserver.registry.crd.cel;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.crd.schema.Structural;
import java.util.Map;

/**
 * How big the values of a schema node can be, as Kubernetes bounds them for cost estimation: {@code
 * maxLength}, {@code maxItems} and {@code maxProperties} where the schema has them, otherwise as
 * many as fit in the largest request (3 MiB).
 */
final class Sizes {
  /** The largest request body: no value can be larger. */
  static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;

  private static final long MIN_STRING_SIZE = 2;

  private Sizes() {}

  /**
   * The largest size of a value of {@code s}: bytes of a string, elements of a list or map, 0 for
   * other values.
   */
  static long max(Structural s) {
    if (s == null) {
      return MAX_REQUEST_BYTES;
    }
    if (s.intOrString()) {
      return MAX_REQUEST_BYTES - 2;
    }
    switch (s.type()) {
      case "string" -> {
        Long max = s.limit("maxLength");
        if (max != null) {
          return s.format().isEmpty() ? Math.max(0, max) * 4 : Math.max(0, max);
        }
        JsonNode values = s.enumValues();
        if (values != null && values.isArray() && values.size() > 0) {
          long longest = 0;
          for (JsonNode v : values) {
            longest = Math.max(longest, v.asText().length());
          }
          return longest;
        }
        return MAX_REQUEST_BYTES - 2;
      }
      case "array" -> {
        Long max = s.limit("maxItems");
        return max != null ? Math.max(0, max) : (MAX_REQUEST_BYTES - 2) / (min(s.items()) + 1);
      }
      case "object" -> {
        if (s.additionalProperties() == null) {
          return s.properties().size();
        }
        Long max = s.limit("maxProperties");
        return max != null
            ? Math.max(0, max)
            : (MAX_REQUEST_BYTES - 2) / (min(s.additionalProperties()) + MIN_STRING_SIZE + 2);
      }
      default -> {
        return 0;
      }
    }
  }

  /** The smallest serialized size of a value of {@code s}, in bytes. */
  static long min(Structural s) {
    if (s == null || s.intOrString()) {
      return 1;
    }
    return switch (s.type()) {
      case "string" -> MIN_STRING_SIZE;
      case "boolean" -> 4;
      case "array" -> 2;
      case "object" -> {
        long size = 2;
        for (Map.Entry<String, Structural> p : s.properties().entrySet()) {
          if (s.required().contains(p.getKey()) && p.getValue().defaultValue() == null) {
            size += p.getKey().length() + min(p.getValue()) + 4;
          }
        }
        yield size;
      }
      default -> 1;
    };
  }

  /** How often a rule on a value of {@code s} can run for one request, when no bound is set. */
  static long maxCardinality(Structural s) {
    return MAX_REQUEST_BYTES / (min(s) + 1);
  }
}
