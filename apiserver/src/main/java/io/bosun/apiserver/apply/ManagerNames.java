package io.bosun.apiserver.apply;

import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Field manager names: Kubernetes' default from the User-Agent, and its validation. */
public final class ManagerNames {
  /** The longest field manager name Kubernetes accepts. */
  public static final int MAX_LENGTH = 128;

  /** The name given to writes that carry neither a field manager nor a User-Agent. */
  public static final String UNKNOWN = "unknown";

  private ManagerNames() {}

  /**
   * The manager of a write: {@code fieldManager} if given, else the User-Agent up to its first
   * {@code /} (printable characters only, at most {@link #MAX_LENGTH}), else {@link #UNKNOWN}.
   */
  public static String of(String fieldManager, String userAgent) {
    if (fieldManager != null && !fieldManager.isEmpty()) {
      return fieldManager;
    }
    String agent = userAgent == null ? "" : userAgent.split("/", 2)[0];
    StringBuilder name = new StringBuilder();
    agent
        .codePoints()
        .filter(ManagerNames::printable)
        .forEach(
            c -> {
              if (name.length() + Character.charCount(c) <= MAX_LENGTH) {
                name.appendCodePoint(c);
              }
            });
    return name.length() == 0 ? UNKNOWN : name.toString();
  }

  /** What is wrong with a {@code fieldManager} parameter; empty means it may be used. */
  public static List<FieldError> validate(String fieldManager) {
    List<FieldError> errors = new ArrayList<>();
    if (fieldManager == null) {
      return errors;
    }
    if (fieldManager.length() > MAX_LENGTH) {
      errors.add(
          new FieldError(
              FieldError.Type.TOO_LONG,
              "fieldManager",
              null,
              "may not be more than " + MAX_LENGTH + " bytes"));
    }
    int position = 0;
    for (int c : fieldManager.codePoints().toArray()) {
      if (!printable(c)) {
        errors.add(
            FieldError.invalid(
                "fieldManager",
                fieldManager,
                String.format("invalid character U+%04X (at position %d)", c, position)));
      }
      position += Character.charCount(c);
    }
    return errors;
  }

  private static boolean printable(int c) {
    int type = Character.getType(c);
    return c == ' '
        || !(Character.isISOControl(c)
            || Character.isWhitespace(c)
            || type == Character.FORMAT
            || type == Character.UNASSIGNED
            || type == Character.SURROGATE
            || type == Character.PRIVATE_USE);
  }
}
