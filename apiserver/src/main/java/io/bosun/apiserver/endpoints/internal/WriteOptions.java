package io.bosun.apiserver.endpoints.internal;

import io.bosun.apiserver.apply.ManagerNames;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The field-management options of a write, from its query: the field manager (the {@code
 * fieldManager} parameter, else the User-Agent's product) and {@code force} for applies. Invalid
 * options fail as Kubernetes fails them: 422 naming {@code CreateOptions}, {@code UpdateOptions} or
 * {@code PatchOptions}.
 *
 * @param manager the field manager the write is recorded under
 * @param force whether an apply takes fields from other managers
 */
public record WriteOptions(String manager, boolean force) {

  /** The options of a create (POST). */
  public static WriteOptions create(Function<String, String> query, String userAgent) {
    return of("CreateOptions", query, userAgent, new ArrayList<>(), false);
  }

  /** The options of an update (PUT). */
  public static WriteOptions update(Function<String, String> query, String userAgent) {
    return of("UpdateOptions", query, userAgent, new ArrayList<>(), false);
  }

  /** The options of a patch; an apply needs a field manager, other patches may not force. */
  public static WriteOptions patch(
      Function<String, String> query, String userAgent, boolean apply) {
    List<FieldError> errors = new ArrayList<>();
    String fieldManager = query.apply("fieldManager");
    String force = query.apply("force");
    if (!apply && force != null) {
      errors.add(FieldError.forbidden("force", "may not be specified for non-apply patch"));
    }
    if (apply && (fieldManager == null || fieldManager.isEmpty())) {
      errors.add(FieldError.required("fieldManager", "is required for apply patch"));
    }
    return of("PatchOptions", query, userAgent, errors, apply && parseBool(force));
  }

  private static WriteOptions of(
      String kind,
      Function<String, String> query,
      String userAgent,
      List<FieldError> errors,
      boolean force) {
    String fieldManager = query.apply("fieldManager");
    errors.addAll(ManagerNames.validate(fieldManager));
    if (!errors.isEmpty()) {
      throw Status.invalid("meta.k8s.io", kind, "", errors).asException();
    }
    return new WriteOptions(ManagerNames.of(fieldManager, userAgent), force);
  }

  /** A boolean query parameter as Go's {@code strconv.ParseBool} reads it; absent is false. */
  private static boolean parseBool(String value) {
    if (value == null) {
      return false;
    }
    return switch (value) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "", "0", "f", "F", "false", "FALSE", "False" -> false;
      default ->
          throw Status.badRequest("strconv.ParseBool: parsing \"" + value + "\": invalid syntax")
              .asException();
    };
  }
}
