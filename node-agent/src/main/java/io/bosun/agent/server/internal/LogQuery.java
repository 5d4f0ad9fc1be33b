package io.bosun.agent.server.internal;

import io.bosun.agent.logs.LogOptions;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads the kubelet's {@code /containerLogs} query parameters ({@code follow}, {@code previous},
 * {@code timestamps}, {@code tailLines}, {@code sinceSeconds}, {@code sinceTime}, {@code
 * limitBytes}) into {@link LogOptions}.
 */
final class LogQuery {
  private LogQuery() {}

  /**
   * The options for {@code container} from the query parameters {@code param} gives.
   *
   * @throws IllegalArgumentException with a message for the client if a value is malformed
   */
  static LogOptions parse(String container, Function<String, String> param) {
    return LogOptions.builder()
        .container(container)
        .follow(bool(param, "follow"))
        .previous(bool(param, "previous"))
        .timestamps(bool(param, "timestamps"))
        .tailLines(number(param, "tailLines"))
        .sinceSeconds(number(param, "sinceSeconds"))
        .sinceTime(time(param, "sinceTime"))
        .limitBytes(number(param, "limitBytes"))
        .build();
  }

  private static boolean bool(Function<String, String> param, String name) {
    String value = param.apply(name);
    if (value == null || value.isEmpty()) {
      return false;
    }
    return switch (value) {
      case "true", "1", "t", "T", "TRUE", "True" -> true;
      case "false", "0", "f", "F", "FALSE", "False" -> false;
      default -> throw new IllegalArgumentException(name + ": invalid boolean: " + value);
    };
  }

  private static Long number(Function<String, String> param, String name) {
    String value = param.apply(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": invalid integer: " + value);
    }
  }

  private static java.time.Instant time(Function<String, String> param, String name) {
    String value = param.apply(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": invalid RFC 3339 time: " + value);
    }
  }
}
