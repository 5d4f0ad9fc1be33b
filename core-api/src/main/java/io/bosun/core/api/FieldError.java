package io.bosun.core.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One field-level validation error, as Kubernetes' {@code field.Error}: the field path, the kind of
 * error, the offending value and a detail. Its {@link #toString()} is Kubernetes' exact text, such
 * as {@code metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 ...}.
 *
 * @param type what is wrong with the field
 * @param field the field path, such as {@code metadata.labels}
 * @param badValue the rejected value, or null when the error does not show one
 * @param detail the explanation, or empty
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

  /** The kinds of field errors, with the cause reason and the text Kubernetes uses for each. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    /** A server-side apply conflict; the message is the detail alone. */
    FIELD_MANAGER_CONFLICT("FieldManagerConflict", ""),
    TOO_MANY("FieldValueTooMany", "Too many"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value"),
    INTERNAL("InternalError", "Internal error");

    private final String reason;
    private final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }

    /** The cause reason in a {@code Status}, such as {@code FieldValueInvalid}. */
    public String reason() {
      return reason;
    }
  }

  public FieldError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    detail = detail == null ? "" : detail;
  }

  /** A required field is missing. */
  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  /** A field has an invalid value. */
  public static FieldError invalid(String field, Object badValue, String detail) {
    return new FieldError(Type.INVALID, field, badValue, detail);
  }

  /** A field may not be set or changed. */
  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  /** A field another manager owns, as a server-side apply conflict names it. */
  public static FieldError managerConflict(String field, String detail) {
    return new FieldError(Type.FIELD_MANAGER_CONFLICT, field, null, detail);
  }

  /** A field has a value that may not appear twice. */
  public static FieldError duplicate(String field, Object badValue) {
    return new FieldError(Type.DUPLICATE, field, badValue, "");
  }

  /** A field has a value outside {@code supported}, listed as Kubernetes lists them. */
  public static FieldError notSupported(String field, Object badValue, List<String> supported) {
    String detail =
        supported.isEmpty()
            ? ""
            : "supported values: "
                + String.join(", ", supported.stream().map(FieldError::quote).toList());
    return new FieldError(Type.NOT_SUPPORTED, field, badValue, detail);
  }

  /** The message without the field path, as a {@code Status} cause carries it. */
  public String message() {
    if (type.text.isEmpty()) {
      return detail;
    }
    StringBuilder text = new StringBuilder(type.text);
    if (type == Type.INVALID
        || type == Type.DUPLICATE
        || type == Type.NOT_SUPPORTED
        || type == Type.TOO_MANY
        || type == Type.TYPE_INVALID) {
      text.append(": ").append(quote(badValue));
    }
    if (!detail.isEmpty()) {
      text.append(": ").append(detail);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return field + ": " + message();
  }

  private static String quote(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      // Go's %#v of a []string, as Kubernetes prints it.
      return list.stream()
          .map(FieldError::quote)
          .collect(Collectors.joining(", ", "[]string{", "}"));
    }
    return String.valueOf(value);
  }
}
