package io.bosun.apiserver.endpoints.internal.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta.Duration;
import io.kubernetes.client.proto.Meta.FieldsV1;
import io.kubernetes.client.proto.Meta.MicroTime;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The apimachinery messages whose JSON is not an object of their fields: {@code Time} and {@code
 * MicroTime} (RFC 3339 strings), {@code Duration} (Go's duration string), {@code Quantity} (its
 * string), {@code IntOrString} (a number or a string) and {@code RawExtension}/{@code FieldsV1}
 * (the JSON they carry).
 */
final class SpecialMessages {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** apiextensions' {@code JSON}: a message of raw JSON bytes, like RawExtension. */
  private static final String APIEXTENSIONS_JSON =
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON";

  private SpecialMessages() {}

  /** Returns the JSON for a special message, or null when {@code message} is an ordinary one. */
  static JsonNode convert(Message message) {
    if (message instanceof Time time) {
      // Kubernetes encodes the zero time as an empty message; its JSON is null.
      return time.hasSeconds() || time.hasNanos()
          ? NODES.textNode(SECONDS.format(instant(time.getSeconds(), time.getNanos())))
          : NODES.nullNode();
    }
    if (message instanceof MicroTime time) {
      return time.hasSeconds() || time.hasNanos()
          ? NODES.textNode(MICROS.format(instant(time.getSeconds(), time.getNanos())))
          : NODES.nullNode();
    }
    if (message instanceof Duration duration) {
      return NODES.textNode(goDuration(duration.getDuration()));
    }
    if (message instanceof Quantity quantity) {
      return NODES.textNode(quantity.getString());
    }
    if (message instanceof IntOrString value) {
      // Type 0 is an int, 1 a string (intstr.Type).
      return value.getType() == 1
          ? NODES.textNode(value.getStrVal())
          : NODES.numberNode(value.getIntVal());
    }
    if (message instanceof RawExtension raw) {
      return embeddedJson(raw.getRaw());
    }
    if (message instanceof FieldsV1 fields) {
      return embeddedJson(fields.getRaw());
    }
    if (message.getDescriptorForType().getFullName().equals(APIEXTENSIONS_JSON)) {
      return embeddedJson(
          (ByteString) message.getField(message.getDescriptorForType().findFieldByName("raw")));
    }
    return null;
  }

  /**
   * Formats nanoseconds as Go's {@code time.Duration.String()} does ({@code 1h2m3.5s}, {@code
   * 1.5ms}, {@code 0s}), which is how {@code metav1.Duration} appears in JSON.
   */
  static String goDuration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    if (nanos < 0) {
      out.append('-');
    }
    // Long.MIN_VALUE has no positive counterpart: work on the unsigned magnitude.
    long magnitude = nanos == Long.MIN_VALUE ? Long.MIN_VALUE : Math.abs(nanos);
    if (Long.compareUnsigned(magnitude, 1_000_000_000L) < 0) {
      if (magnitude < 1_000L) {
        return out.append(magnitude).append("ns").toString();
      }
      if (magnitude < 1_000_000L) {
        return out.append(fraction(magnitude, 1_000L)).append("µs").toString();
      }
      return out.append(fraction(magnitude, 1_000_000L)).append("ms").toString();
    }
    long seconds = Long.divideUnsigned(magnitude, 1_000_000_000L);
    long rest = Long.remainderUnsigned(magnitude, 1_000_000_000L);
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    out.append(seconds % 60);
    appendFraction(out, rest, 1_000_000_000L);
    return out.append('s').toString();
  }

  private static String fraction(long value, long unit) {
    StringBuilder out = new StringBuilder().append(value / unit);
    appendFraction(out, value % unit, unit);
    return out.toString();
  }

  /** Appends {@code .digits} of {@code rest / unit} without trailing zeros, nothing when zero. */
  private static void appendFraction(StringBuilder out, long rest, long unit) {
    if (rest == 0) {
      return;
    }
    String digits = Long.toString(unit + rest).substring(1).replaceAll("0+$", "");
    out.append('.').append(digits);
  }

  private static Instant instant(long seconds, int nanos) {
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static JsonNode embeddedJson(ByteString raw) {
    if (raw.isEmpty()) {
      return NODES.nullNode();
    }
    try {
      return MAPPER.readTree(raw.toByteArray());
    } catch (IOException e) {
      throw new IllegalArgumentException("an embedded object is not JSON: " + e.getMessage(), e);
    }
  }
}
