package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code format} values Kubernetes checks on custom resources (its restricted strfmt registry):
 * a value of another format is accepted as it is.
 */
final class Formats {
  private static final Pattern UUID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  private static final Pattern UUID3 =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$");
  private static final Pattern UUID4 =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  private static final Pattern UUID5 =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}"
              + "[a-zA-Z0-9])?)*\\.?$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern MAC =
      Pattern.compile(
          "^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{4}\\.){2}[0-9A-Fa-f]{4}$");
  private static final Pattern DURATION =
      Pattern.compile(
          "^[-+]?(\\d+(\\.\\d*)?(ns|us|µs|ms|s|m|h|d|w)\\s*)+$|^[-+]?\\d+\\s*"
              + "(ns|us|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?"
              + "|hours?|days?|weeks?)$");
  private static final Pattern HEXCOLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  private static final Pattern RGBCOLOR =
      Pattern.compile("^rgb\\(\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*\\)$");
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

  private Formats() {}

  /** Returns whether a string has the named format; unknown formats accept everything. */
  static boolean validString(String format, String value) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "date-time", "datetime" -> dateTime(value);
      case "date" -> date(value);
      case "byte" -> base64(value);
      case "duration" -> DURATION.matcher(value).matches();
      case "uuid" -> UUID.matcher(value.toLowerCase(Locale.ROOT)).matches();
      case "uuid3" -> UUID3.matcher(value.toLowerCase(Locale.ROOT)).matches();
      case "uuid4" -> UUID4.matcher(value.toLowerCase(Locale.ROOT)).matches();
      case "uuid5" -> UUID5.matcher(value.toLowerCase(Locale.ROOT)).matches();
      case "hostname" -> value.length() <= 255 && HOSTNAME.matcher(value).matches();
      case "email" -> EMAIL.matcher(value).matches();
      case "ipv4" -> IPV4.matcher(value).matches();
      case "ipv6" -> value.contains(":") && ipv6(value);
      case "cidr" -> cidr(value);
      case "mac" -> MAC.matcher(value).matches();
      case "uri" -> uri(value);
      case "hexcolor" -> HEXCOLOR.matcher(value).matches();
      case "rgbcolor" -> RGBCOLOR.matcher(value).matches();
      default -> true;
    };
  }

  /** Returns whether an integer fits an {@code int32} or {@code int64} format. */
  static boolean validInteger(String format, JsonNode value) {
    BigInteger number = value.bigIntegerValue();
    return switch (format) {
      case "int32" -> number.compareTo(INT32_MIN) >= 0 && number.compareTo(INT32_MAX) <= 0;
      case "int64" -> number.bitLength() < 64;
      default -> true;
    };
  }

  private static boolean dateTime(String value) {
    try {
      OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean date(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean base64(String value) {
    try {
      Base64.getDecoder().decode(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean ipv6(String value) {
    try {
      return InetAddress.getByName(value) instanceof Inet6Address;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  private static boolean cidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = value.substring(0, slash);
    try {
      int bits = Integer.parseInt(value.substring(slash + 1));
      boolean v4 = IPV4.matcher(ip).matches();
      return v4
          ? bits >= 0 && bits <= 32
          : ip.contains(":") && ipv6(ip) && bits >= 0 && bits <= 128;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean uri(String value) {
    try {
      return new URI(value).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
