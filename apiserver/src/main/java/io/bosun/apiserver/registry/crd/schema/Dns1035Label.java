package io.bosun.apiserver.registry.crd.schema;

import java.util.regex.Pattern;

/** Kubernetes' DNS-1035 label rule, which kinds, versions and resource names follow. */
public final class Dns1035Label {
  /** The regular expression of a DNS-1035 label. */
  public static final String REGEX = "[a-z]([-a-z0-9]*[a-z0-9])?";

  /** Kubernetes' explanation of a malformed DNS-1035 label. */
  public static final String MESSAGE =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or"
          + " 'abc-123', regex used for validation is '"
          + REGEX
          + "')";

  private static final Pattern LABEL = Pattern.compile(REGEX);

  private Dns1035Label() {}

  /** Kubernetes' {@code IsDNS1035Label}: the problems, joined by commas, or empty. */
  public static String problems(String value) {
    StringBuilder problems = new StringBuilder();
    if (value.length() > 63) {
      problems.append("must be no more than 63 characters");
    }
    if (!LABEL.matcher(value).matches()) {
      if (problems.length() > 0) {
        problems.append(',');
      }
      problems.append(MESSAGE);
    }
    return problems.toString();
  }
}
