package io.bosun.apiserver.apply;

import io.bosun.apiserver.apply.ManagedFields.Key;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import io.bosun.core.api.StatusException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 409 of an apply that would change fields other managers own, worded as Kubernetes words it:
 * {@code Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas}, and
 * one {@code FieldManagerConflict} cause per field.
 */
final class Conflicts {
  private static final Comparator<Key> BY_MANAGER =
      Comparator.comparing(Key::manager)
          .thenComparing(Key::operation)
          .thenComparing(Key::apiVersion)
          .thenComparing(Key::subresource);

  private Conflicts() {}

  static StatusException of(Map<Key, FieldSet> conflicts) {
    TreeMap<Key, FieldSet> sorted = new TreeMap<>(BY_MANAGER);
    sorted.putAll(conflicts);
    List<FieldError> causes = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    sorted.forEach(
        (manager, fields) -> {
          lines.add("conflicts with " + describe(manager) + ":");
          for (FieldPath path : fields.paths()) {
            causes.add(
                FieldError.managerConflict(path.toString(), "conflict with " + describe(manager)));
            lines.add("- " + path);
          }
        });
    String message =
        causes.size() == 1
            ? "Apply failed with 1 conflict: "
                + causes.get(0).detail()
                + ": "
                + causes.get(0).field()
            : "Apply failed with " + causes.size() + " conflicts: " + String.join("\n", lines);
    return Status.applyConflict(message, causes).asException();
  }

  /** A manager as conflict messages name it: {@code "name" with subresource "s" using v1}. */
  static String describe(Key manager) {
    StringBuilder text = new StringBuilder(quote(manager.manager()));
    if (!manager.subresource().isEmpty()) {
      text.append(" with subresource ").append(quote(manager.subresource()));
    }
    if (!manager.applies()) {
      text.append(" using ").append(manager.apiVersion());
    }
    return text.toString();
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
