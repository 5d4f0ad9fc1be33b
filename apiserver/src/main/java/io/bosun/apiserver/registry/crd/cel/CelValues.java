package io.bosun.apiserver.registry.crd.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import io.bosun.apiserver.registry.crd.schema.Structural;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JSON values into the values CEL evaluates, typed by the schema as {@link CelTypes} declares
 * them.
 */
final class CelValues {
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private CelValues() {}

  /** The CEL value of {@code value} under {@code schema}. */
  static Object of(JsonNode value, Structural schema, boolean resourceRoot) {
    if (value == null || value.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (schema == null) {
      return untyped(value);
    }
    if (schema.intOrString()) {
      return value.isTextual() ? value.asText() : (Object) value.asLong();
    }
    Structural node = resourceRoot ? CelTypes.withResourceMeta(schema) : schema;
    return switch (node.type()) {
      case "object" -> object(value, node, resourceRoot);
      case "array" -> {
        List<Object> items = new ArrayList<>();
        for (JsonNode item : value) {
          Structural s = node.items();
          items.add(of(item, s, s != null && s.embeddedResource()));
        }
        yield items;
      }
      case "string" -> string(value.asText(), node.format());
      case "integer" -> value.asLong();
      case "number" -> value.asDouble();
      case "boolean" -> value.asBoolean();
      default -> untyped(value);
    };
  }

  private static Object object(JsonNode value, Structural node, boolean resourceRoot) {
    Map<String, Object> map = new HashMap<>();
    Structural values = node.additionalProperties();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (values != null) {
        map.put(field.getKey(), of(field.getValue(), values, values.embeddedResource()));
        continue;
      }
      Structural property = node.properties().get(field.getKey());
      String name = CelNames.escape(field.getKey());
      if (property == null || name == null) {
        continue;
      }
      if (resourceRoot && field.getKey().equals("metadata")) {
        map.put(name, of(field.getValue(), property, false));
      } else {
        map.put(name, of(field.getValue(), property, property.embeddedResource()));
      }
    }
    return map;
  }

  private static Object string(String text, String format) {
    try {
      return switch (format) {
        case "byte" -> ByteString.copyFrom(Base64.getDecoder().decode(text));
        case "date-time" -> timestamp(OffsetDateTime.parse(text).toInstant());
        case "date" -> timestamp(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        case "duration" -> duration(goDuration(text));
        default -> text;
      };
    } catch (RuntimeException e) {
      // Schema validation has reported the malformed value; CEL sees the text.
      return text;
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  private static Duration duration(java.time.Duration d) {
    return Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
  }

  /** Parses a Go duration such as {@code 1h30m} or {@code 250ms}. */
  private static java.time.Duration goDuration(String text) {
    Matcher m = GO_DURATION_PART.matcher(text);
    boolean negative = text.startsWith("-");
    int position = negative || text.startsWith("+") ? 1 : 0;
    double nanos = 0;
    while (m.find() && m.start() == position) {
      double amount = Double.parseDouble(m.group(1));
      nanos +=
          amount
              * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
              };
      position = m.end();
    }
    if (position != text.length() || position == 0) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    java.time.Duration d = java.time.Duration.ofNanos((long) nanos);
    return negative ? d.negated() : d;
  }

  private static Object untyped(JsonNode value) {
    if (value.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isArray()) {
      List<Object> items = new ArrayList<>();
      value.forEach(v -> items.add(untyped(v)));
      return items;
    }
    Map<String, Object> map = new HashMap<>();
    value.fields().forEachRemaining(e -> map.put(e.getKey(), untyped(e.getValue())));
    return map;
  }
}
