package io.bosun.agent.logs.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The CRI log line: {@code <time> <stream> <tag> <text>}, time in RFC 3339 with nanoseconds. */
final class CriFormat {
  /** The kubelet's RFC3339NanoFixed: always nine fraction digits, so that lines sort as text. */
  private static final DateTimeFormatter FIXED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private CriFormat() {}

  static String timestamp(Instant instant) {
    return FIXED.format(instant);
  }

  /** One parsed entry; {@code text} excludes the newline. */
  record Entry(Instant time, String timestamp, String stream, boolean partial, byte[] text) {}

  /** Parses a line (without its newline); null if it is not a CRI entry. */
  static Entry parse(byte[] line, int length) {
    int first = indexOf(line, 0, length);
    int second = first < 0 ? -1 : indexOf(line, first + 1, length);
    if (second < 0 || second + 2 > length) {
      return null;
    }
    String timestamp = new String(line, 0, first, java.nio.charset.StandardCharsets.US_ASCII);
    String stream =
        new String(line, first + 1, second - first - 1, java.nio.charset.StandardCharsets.US_ASCII);
    boolean partial = line[second + 1] == 'P';
    int textStart = Math.min(second + 3, length);
    byte[] text = java.util.Arrays.copyOfRange(line, textStart, length);
    try {
      return new Entry(Instant.parse(timestamp), timestamp, stream, partial, text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static int indexOf(byte[] line, int from, int length) {
    for (int i = from; i < length; i++) {
      if (line[i] == ' ') {
        return i;
      }
    }
    return -1;
  }
}
