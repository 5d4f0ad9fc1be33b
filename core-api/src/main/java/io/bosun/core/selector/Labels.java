package io.bosun.core.selector;

import java.util.Optional;
import java.util.regex.Pattern;

/** The syntax rules of label keys and values (also used for annotation keys). */
public final class Labels {
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Labels() {}

  /** Returns why a qualified key ({@code [prefix/]name}) is invalid, or empty if it is valid. */
  public static Optional<String> checkKey(String key) {
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()
          || prefix.length() > 253
          || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        return Optional.of(
            "prefix part must be a lowercase RFC 1123 subdomain of at most 253 characters");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
      return Optional.of(
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and"
              + " end with an alphanumeric character, at most 63 characters");
    }
    return Optional.empty();
  }

  /** Returns why a label value is invalid, or empty if it is valid. */
  public static Optional<String> checkValue(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > 63 || !NAME.matcher(value).matches()) {
      return Optional.of(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_'"
              + " or '.', and must start and end with an alphanumeric character, at most 63"
              + " characters");
    }
    return Optional.empty();
  }
}
