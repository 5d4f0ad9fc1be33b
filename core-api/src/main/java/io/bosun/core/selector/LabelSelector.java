package io.bosun.core.selector;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed label selector such as {@code app=web,tier in (a,b),!legacy}: a conjunction of
 * requirements. The empty selector matches everything.
 */
public record LabelSelector(List<Requirement> requirements) {

  /** Matches every object. */
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  /** The operators of a requirement. */
  public enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  /** One requirement on one label key. */
  public record Requirement(String key, Operator operator, Set<String> values) {
    public Requirement {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(operator, "operator");
      values = Set.copyOf(values);
    }

    /** The single value of an equality requirement. */
    public String value() {
      return values.iterator().next();
    }

    /** Returns whether a label set satisfies this requirement. */
    public boolean matches(Map<String, String> labels) {
      String actual = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> actual != null && values.contains(actual);
        case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
        case EXISTS -> actual != null;
        case DOES_NOT_EXIST -> actual == null;
      };
    }

    @Override
    public String toString() {
      return switch (operator) {
        case EQUALS -> key + "=" + value();
        case NOT_EQUALS -> key + "!=" + value();
        case IN -> key + " in (" + String.join(",", new TreeSet<>(values)) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", new TreeSet<>(values)) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }

  public LabelSelector {
    requirements = List.copyOf(requirements);
  }

  /**
   * Parses the query-string form of a label selector.
   *
   * @throws SelectorException if the text is not a valid selector
   */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    return new LabelSelector(new LabelSelectorParser(text).parse());
  }

  /** Returns whether this selector matches everything. */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** Returns whether a label set satisfies every requirement. */
  public boolean matches(Map<String, String> labels) {
    for (Requirement requirement : requirements) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(Requirement::toString).toList());
  }
}
