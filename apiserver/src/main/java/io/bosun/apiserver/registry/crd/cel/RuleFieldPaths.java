package io.bosun.apiserver.registry.crd.cel;

import io.bosun.apiserver.registry.crd.schema.Structural;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fieldPath} of a validation rule: a path relative to the rule's node in the form {@code
 * .spec.replicas} or {@code .labels['app.kubernetes.io/name']}, which names the field an error is
 * about.
 */
final class RuleFieldPaths {
  private RuleFieldPaths() {}

  /** The field names of a path, or null when it is malformed or leaves the schema. */
  static List<String> resolve(String fieldPath, Structural node) {
    List<String> segments = new ArrayList<>();
    String rest = fieldPath.trim();
    Structural current = node;
    while (!rest.isEmpty()) {
      String name;
      if (rest.startsWith(".")) {
        int end = 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        name = rest.substring(1, end);
        rest = rest.substring(end);
      } else if (rest.startsWith("['")) {
        int end = rest.indexOf("']");
        if (end < 0) {
          return null;
        }
        name = rest.substring(2, end);
        rest = rest.substring(end + 2);
      } else {
        return null;
      }
      if (name.isEmpty() || current == null) {
        return null;
      }
      Structural next = current.properties().get(name);
      if (next == null) {
        next = current.additionalProperties();
      }
      if (next == null) {
        return null;
      }
      segments.add(name);
      current = next;
    }
    return segments.isEmpty() ? null : segments;
  }

  /** The path of the error: {@code base} followed by the rule's field path. */
  static String append(String base, List<String> segments) {
    StringBuilder path = new StringBuilder(base);
    for (String segment : segments) {
      if (segment.matches("[A-Za-z0-9_-]+")) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(segment);
      } else {
        path.append('[').append(segment).append(']');
      }
    }
    return path.toString();
  }
}
