package io.bosun.apiserver.registry.crd.cel;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a property name appears in CEL, as Kubernetes escapes it: CEL keywords become {@code
 * __namespace__}, and {@code __}, {@code .}, {@code -} and {@code /} become {@code
 * __underscores__}, {@code __dot__}, {@code __dash__} and {@code __slash__}. Other names are not
 * accessible.
 */
final class CelNames {
  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");
  private static final Pattern EXPAND = Pattern.compile("(__|[-./]|[^a-zA-Z0-9-./_])");

  private CelNames() {}

  /** The escaped name, or null when the property cannot be named in CEL. */
  static String escape(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return null;
    }
    if (RESERVED.contains(name)) {
      return "__" + name + "__";
    }
    Matcher m = EXPAND.matcher(name);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement =
          switch (m.group()) {
            case "__" -> "__underscores__";
            case "." -> "__dot__";
            case "-" -> "__dash__";
            case "/" -> "__slash__";
            default -> null;
          };
      if (replacement == null) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
