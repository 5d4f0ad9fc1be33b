package io.bosun.core.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed field selector such as {@code metadata.name=web,status.phase!=Running}: a conjunction of
 * equality and inequality requirements on field paths.
 */
public record FieldSelector(List<Requirement> requirements) {

  /** Matches every object. */
  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  /**
   * One requirement: the field at {@code path} equals (or, if {@code negated}, differs from) a
   * value.
   */
  public record Requirement(String path, boolean negated, String value) {
    public Requirement {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(value, "value");
    }

    /** Returns whether a field value (null when absent) satisfies this requirement. */
    public boolean matches(String actual) {
      boolean equal = value.equals(actual == null ? "" : actual);
      return negated != equal;
    }
  }

  public FieldSelector {
    requirements = List.copyOf(requirements);
  }

  /**
   * Parses the query-string form of a field selector; values may escape {@code \,}, {@code \=} and
   * {@code \\}.
   *
   * @throws SelectorException if the text is not a valid selector
   */
  public static FieldSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String term : splitUnescaped(text)) {
      requirements.add(term(term.trim(), text));
    }
    return new FieldSelector(requirements);
  }

  private static Requirement term(String term, String text) {
    int ne = term.indexOf("!=");
    int eq = term.indexOf('=');
    if (ne >= 0 && ne < eq) {
      return new Requirement(term.substring(0, ne).trim(), true, unescape(term.substring(ne + 2)));
    }
    if (eq <= 0) {
      throw new SelectorException(
          "invalid selector: '" + text + "'; can't understand '" + term + "'");
    }
    int valueStart = term.startsWith("==", eq) ? eq + 2 : eq + 1;
    return new Requirement(
        term.substring(0, eq).trim(), false, unescape(term.substring(valueStart)));
  }

  private static List<String> splitUnescaped(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
      } else if (c == ',') {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static String unescape(String value) {
    return value.replace("\\,", ",").replace("\\=", "=").replace("\\\\", "\\");
  }

  /** Returns whether this selector matches everything. */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** Returns whether a map from field path to value satisfies every requirement. */
  public boolean matches(Map<String, String> fields) {
    for (Requirement requirement : requirements) {
      if (!requirement.matches(fields.get(requirement.path()))) {
        return false;
      }
    }
    return true;
  }
}
