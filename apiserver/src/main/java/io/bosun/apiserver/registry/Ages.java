package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Ages and durations the way kubectl shows them, as Kubernetes' {@code duration.HumanDuration}. */
public final class Ages {
  private Ages() {}

  /**
   * The time since a timestamp ({@code 45s}, {@code 3m12s}, {@code 5h}, {@code 12d}), or {@code
   * <unknown>} when the timestamp is missing or unreadable.
   */
  public static String since(JsonNode timestamp, Instant now) {
    Instant then = instant(timestamp);
    return then == null ? "<unknown>" : humanDuration(Duration.between(then, now));
  }

  /** Parses an RFC 3339 timestamp (with or without fractional seconds); null if absent or bad. */
  public static Instant instant(JsonNode timestamp) {
    if (timestamp == null || !timestamp.isTextual() || timestamp.asText().isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(timestamp.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Kubernetes' {@code duration.HumanDuration}: coarser as the duration grows. */
  public static String humanDuration(Duration d) {
    // Truncated toward zero as Go's int(d.Seconds()) is; a second of clock skew still reads 0s.
    long seconds = d.toMillis() / 1000;
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return withRemainder(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return withRemainder(hours / 24, "d", hours % 24, "h");
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      return withRemainder(hours / 24 / 365, "y", (hours / 24) % 365, "d");
    }
    return hours / 24 / 365 + "y";
  }

  private static String withRemainder(long whole, String unit, long rest, String restUnit) {
    return rest == 0 ? whole + unit : whole + unit + rest + restUnit;
  }
}
