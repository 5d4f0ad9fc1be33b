package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.crd.schema.Paths;
import io.bosun.apiserver.registry.crd.schema.Structural;
import io.bosun.core.api.FieldError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a version's {@code selectableFields}: each a path to a string, boolean or integer
 * field of the schema outside metadata, no duplicates, at most {@value #MAX}.
 */
final class SelectableFields {
  static final int MAX = 8;

  private SelectableFields() {}

  static void validate(
      ObjectNode schema, List<String> fields, String path, List<FieldError> errors) {
    if (fields.isEmpty()) {
      return;
    }
    if (schema == null) {
      errors.add(
          FieldError.invalid(
              path,
              "",
              "selectableFields may only be set when version.schema.openAPIV3Schema is not included"));
      return;
    }
    Structural root = Structural.of(schema);
    Set<String> unique = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      String jsonPath = Paths.child(Paths.index(path, i), "jsonPath");
      String field = fields.get(i);
      if (field.isEmpty()) {
        errors.add(FieldError.required(jsonPath, ""));
        continue;
      }
      Structural node = root;
      for (String segment : field.split("\\.")) {
        node = node == null ? null : node.properties().get(segment);
      }
      String shown = "." + field;
      if (node == null) {
        errors.add(
            FieldError.invalid(
                jsonPath, shown, "is an invalid path: does not refer to a valid field"));
        continue;
      }
      if (field.equals("metadata") || field.startsWith("metadata.")) {
        errors.add(FieldError.invalid(jsonPath, shown, "must not point to fields in metadata"));
      }
      if (!List.of("string", "boolean", "integer").contains(node.type())) {
        errors.add(
            FieldError.invalid(
                jsonPath,
                shown,
                "must point to a field of type string, boolean or integer. Enum string fields and"
                    + " strings with formats are allowed."));
      }
      if (!unique.add(field)) {
        errors.add(FieldError.duplicate(jsonPath, shown));
      }
    }
    if (unique.size() > MAX) {
      errors.add(
          new FieldError(
              FieldError.Type.TOO_MANY,
              path,
              unique.size(),
              "must have at most " + MAX + " items"));
    }
  }
}
