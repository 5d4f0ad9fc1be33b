package io.bosun.core.selector;

import io.bosun.core.selector.LabelSelector.Operator;
import io.bosun.core.selector.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A hand-written scanner for the label selector grammar of k8s.io/apimachinery/pkg/labels. */
final class LabelSelectorParser {
  private final String text;
  private int pos;

  LabelSelectorParser(String text) {
    this.text = text;
  }

  List<Requirement> parse() {
    List<Requirement> requirements = new ArrayList<>();
    while (true) {
      skipSpaces();
      requirements.add(requirement());
      skipSpaces();
      if (pos == text.length()) {
        return requirements;
      }
      expect(',');
    }
  }

  private Requirement requirement() {
    if (peek() == '!') {
      pos++;
      skipSpaces();
      return new Requirement(key(), Operator.DOES_NOT_EXIST, Set.of());
    }
    String key = key();
    skipSpaces();
    if (pos == text.length() || peek() == ',') {
      return new Requirement(key, Operator.EXISTS, Set.of());
    }
    if (text.startsWith("==", pos)) {
      pos += 2;
      return new Requirement(key, Operator.EQUALS, Set.of(value()));
    }
    if (text.startsWith("!=", pos)) {
      pos += 2;
      return new Requirement(key, Operator.NOT_EQUALS, Set.of(value()));
    }
    if (peek() == '=') {
      pos++;
      return new Requirement(key, Operator.EQUALS, Set.of(value()));
    }
    if (word("notin")) {
      return new Requirement(key, Operator.NOT_IN, valueSet());
    }
    if (word("in")) {
      return new Requirement(key, Operator.IN, valueSet());
    }
    throw error("expected one of '=', '==', '!=', 'in', 'notin' after key \"" + key + "\"");
  }

  private boolean word(String word) {
    if (text.startsWith(word, pos)) {
      int end = pos + word.length();
      if (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '(')) {
        pos = end;
        return true;
      }
    }
    return false;
  }

  private Set<String> valueSet() {
    skipSpaces();
    expect('(');
    Set<String> values = new LinkedHashSet<>();
    while (true) {
      skipSpaces();
      values.add(token());
      skipSpaces();
      if (peek() == ')') {
        pos++;
        return values;
      }
      expect(',');
    }
  }

  private String key() {
    String key = token();
    if (key.isEmpty()) {
      throw error("expected a label key");
    }
    Labels.checkKey(key)
        .ifPresent(
            message -> {
              throw new SelectorException("invalid label key \"" + key + "\": " + message);
            });
    return key;
  }

  private String value() {
    skipSpaces();
    String value = token();
    Labels.checkValue(value)
        .ifPresent(
            message -> {
              throw new SelectorException("invalid label value: \"" + value + "\": " + message);
            });
    return value;
  }

  private String token() {
    int start = pos;
    while (pos < text.length() && " ,()=!".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  private SelectorException error(String message) {
    return new SelectorException(
        "unable to parse requirement: " + message + " at position " + pos + " in \"" + text + "\"");
  }
}
