package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.NameRule;
import io.bosun.apiserver.registry.crd.cel.CelCheck;
import io.bosun.apiserver.registry.crd.schema.Dns1035Label;
import io.bosun.apiserver.registry.crd.schema.Paths;
import io.bosun.apiserver.registry.crd.schema.StructuralCheck;
import io.bosun.apiserver.registry.internal.MetaValidation;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates a CustomResourceDefinition as kube-apiserver does: names, group, scope, versions (one
 * storage version), schemas (structural, valid defaults, compilable and affordable CEL rules),
 * subresources, printer columns and selectable fields.
 *
 * <p>Field paths follow Kubernetes, which validates its internal form: when every version has the
 * same schema (subresources, columns), it is reported at {@code spec.validation} ({@code
 * spec.subresources}, {@code spec.additionalPrinterColumns}) rather than per version.
 */
final class CrdValidation {
  private static final List<String> SCOPES = List.of("Cluster", "Namespaced");
  private static final List<String> COLUMN_TYPES =
      List.of("boolean", "date", "integer", "number", "string");
  private static final List<String> COLUMN_FORMATS =
      List.of("byte", "date", "date-time", "double", "float", "int32", "int64", "password");

  private final List<FieldError> errors = new ArrayList<>();

  private CrdValidation() {}

  /** Returns what is wrong with a new definition. */
  static List<FieldError> validate(ObjectNode crd) {
    CrdValidation v = new CrdValidation();
    v.spec(crd);
    v.storedVersions(crd);
    return v.errors;
  }

  /** Returns what is wrong with an update of a definition. */
  static List<FieldError> validateUpdate(ObjectNode crd, ObjectNode old) {
    CrdValidation v = new CrdValidation();
    v.spec(crd);
    JsonNode spec = crd.path("spec");
    JsonNode oldSpec = old.path("spec");
    if (Crd.of(old).established()) {
      v.immutable(spec.path("scope"), oldSpec.path("scope"), "spec.scope");
      v.immutable(
          spec.path("names").path("kind"), oldSpec.path("names").path("kind"), "spec.names.kind");
    }
    v.immutable(spec.path("group"), oldSpec.path("group"), "spec.group");
    v.immutable(
        spec.path("names").path("plural"),
        oldSpec.path("names").path("plural"),
        "spec.names.plural");
    v.storedVersions(crd);
    return v.errors;
  }

  private void immutable(JsonNode value, JsonNode old, String path) {
    if (!value.equals(old)) {
      errors.add(FieldError.invalid(path, value.asText(), "field is immutable"));
    }
  }

  private void spec(ObjectNode crd) {
    Crd parsed = Crd.of(crd);
    JsonNode spec = crd.path("spec");
    String name = crd.path("metadata").path("name").asText("");
    String required = parsed.names().plural() + "." + parsed.group();
    if (!name.isEmpty() && !name.equals(required)) {
      errors.add(
          FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
    }
    group(parsed.group());
    String scope = spec.path("scope").asText("");
    if (scope.isEmpty()) {
      errors.add(FieldError.required("spec.scope", ""));
    } else if (!SCOPES.contains(scope)) {
      errors.add(FieldError.notSupported("spec.scope", scope, SCOPES));
    }
    if (spec.path("preserveUnknownFields").asBoolean(false)) {
      errors.add(FieldError.invalid("spec.preserveUnknownFields", true, "must be false"));
    }
    versions(spec.path("versions"), parsed);
    names(spec.path("names"));
    conversion(spec.path("conversion"));
  }

  private void group(String group) {
    if (group.isEmpty()) {
      errors.add(FieldError.required("spec.group", ""));
      return;
    }
    List<FieldError> problems =
        MetaValidation.validateName(NameRule.DNS1123_SUBDOMAIN, "spec.group", group);
    if (!problems.isEmpty()) {
      errors.addAll(problems);
    } else if (!group.contains(".")) {
      errors.add(
          FieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
    }
  }

  private void versions(JsonNode versions, Crd crd) {
    String schemaPath = VersionPaths.shared(versions, "schema") ? "spec.validation" : null;
    String subresourcesPath =
        VersionPaths.shared(versions, "subresources") ? "spec.subresources" : null;
    String columnsPath =
        VersionPaths.shared(versions, "additionalPrinterColumns")
            ? "spec.additionalPrinterColumns"
            : null;
    String selectablePath =
        VersionPaths.shared(versions, "selectableFields") ? "spec.selectableFields" : null;
    Set<String> seen = new HashSet<>();
    boolean unique = true;
    int storage = 0;
    for (int i = 0; i < versions.size(); i++) {
      JsonNode version = versions.get(i);
      String path = Paths.index("spec.versions", i);
      String name = version.path("name").asText("");
      unique &= seen.add(name);
      if (version.path("storage").asBoolean(false)) {
        storage++;
      }
      String problems = Dns1035Label.problems(name);
      if (!problems.isEmpty()) {
        errors.add(FieldError.invalid(Paths.child(path, "name"), name, problems));
      }
      deprecationWarning(version, path);
      Crd.Version parsed = crd.versions().get(i);
      String subresources =
          subresourcesPath != null ? subresourcesPath : Paths.child(path, "subresources");
      schema(
          version,
          parsed,
          schemaPath != null ? schemaPath : Paths.child(path, "schema"),
          Paths.child(Paths.child(path, "schema"), "openAPIV3Schema"));
      scale(version.path("subresources").path("scale"), Paths.child(subresources, "scale"));
      columns(
          parsed.columns(),
          columnsPath != null ? columnsPath : Paths.child(path, "additionalPrinterColumns"));
      SelectableFields.validate(
          parsed.schema(),
          parsed.selectableFields(),
          selectablePath != null ? selectablePath : Paths.child(path, "selectableFields"),
          errors);
    }
    if (!unique) {
      errors.add(
          FieldError.invalid(
              "spec.versions", versions.toString(), "must contain unique version names"));
    }
    if (storage != 1) {
      errors.add(
          FieldError.invalid(
              "spec.versions",
              versions.toString(),
              "must have exactly one version marked as storage version"));
    }
  }

  private void deprecationWarning(JsonNode version, String path) {
    if (!version.has("deprecationWarning")) {
      return;
    }
    String warning = version.path("deprecationWarning").asText("");
    String field = Paths.child(path, "deprecationWarning");
    if (!version.path("deprecated").asBoolean(false)) {
      errors.add(FieldError.invalid(field, warning, "can only be set for deprecated versions"));
    } else if (warning.isEmpty()) {
      errors.add(FieldError.invalid(field, warning, "must not be an empty string"));
    } else if (warning.length() > 256) {
      errors.add(FieldError.invalid(field, warning, "must be <= 256 characters long"));
    }
  }

  private void schema(JsonNode version, Crd.Version parsed, String path, String requiredPath) {
    if (parsed.schema() == null) {
      errors.add(FieldError.required(requiredPath, "schemas are required"));
      return;
    }
    String schemaPath = Paths.child(path, "openAPIV3Schema");
    List<FieldError> schemaErrors =
        StructuralCheck.check(parsed.schema(), schemaPath, parsed.status());
    errors.addAll(schemaErrors);
    if (schemaErrors.isEmpty()) {
      errors.addAll(CelCheck.check(parsed.schema(), schemaPath));
    }
  }

  private void scale(JsonNode scale, String path) {
    if (scale.isMissingNode() || scale.isNull()) {
      return;
    }
    scalePath(scale, "specReplicasPath", path, true, ".spec.", "should be a json path under .spec");
    scalePath(
        scale, "statusReplicasPath", path, true, ".status.", "should be a json path under .status");
    String selector = scale.path("labelSelectorPath").asText("");
    if (!selector.isEmpty()) {
      String field = path + ".labelSelectorPath";
      if (!simpleJsonPath(selector, field)) {
        return;
      }
      if (!selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
        errors.add(
            FieldError.invalid(
                field, selector, "should be a json path under either .spec or .status"));
      }
    }
  }

  private void scalePath(
      JsonNode scale, String name, String path, boolean required, String prefix, String detail) {
    String value = scale.path(name).asText("");
    String field = path + "." + name;
    if (value.isEmpty()) {
      if (required) {
        errors.add(FieldError.required(field, ""));
      }
      return;
    }
    if (simpleJsonPath(value, field) && !value.startsWith(prefix)) {
      errors.add(FieldError.invalid(field, value, detail));
    }
  }

  private boolean simpleJsonPath(String value, String field) {
    if (!value.startsWith(".")) {
      errors.add(FieldError.invalid(field, value, "must be a simple json path starting with ."));
      return false;
    }
    return true;
  }

  private void columns(List<Crd.Column> columns, String path) {
    for (int i = 0; i < columns.size(); i++) {
      Crd.Column column = columns.get(i);
      String field = Paths.index(path, i);
      if (column.name().isEmpty()) {
        errors.add(FieldError.required(Paths.child(field, "name"), ""));
      }
      String types = "must be one of " + String.join(",", COLUMN_TYPES);
      if (column.type().isEmpty()) {
        errors.add(FieldError.required(Paths.child(field, "type"), types));
      } else if (!COLUMN_TYPES.contains(column.type())) {
        errors.add(FieldError.invalid(Paths.child(field, "type"), column.type(), types));
      }
      if (!column.format().isEmpty() && !COLUMN_FORMATS.contains(column.format())) {
        errors.add(
            FieldError.invalid(
                Paths.child(field, "format"),
                column.format(),
                "must be one of " + String.join(",", COLUMN_FORMATS)));
      }
      if (column.jsonPath().isEmpty()) {
        errors.add(FieldError.required(Paths.child(field, "JSONPath"), ""));
      } else {
        simpleJsonPath(column.jsonPath(), Paths.child(field, "JSONPath"));
      }
    }
  }

  private void names(JsonNode names) {
    // singular and listKind are defaulted from kind, so only these two can be missing.
    for (String required : List.of("plural", "kind")) {
      if (names.path(required).asText("").isEmpty()) {
        errors.add(FieldError.required("spec.names." + required, ""));
      }
    }
    Crd.Names parsed = Crd.Names.of(names);
    label("spec.names.plural", parsed.plural(), false);
    label("spec.names.singular", parsed.singular(), false);
    label("spec.names.kind", parsed.kind(), true);
    label("spec.names.listKind", parsed.listKind(), true);
    for (int i = 0; i < parsed.shortNames().size(); i++) {
      label(Paths.index("spec.names.shortNames", i), parsed.shortNames().get(i), false);
    }
    if (!parsed.kind().isEmpty() && parsed.kind().equals(parsed.listKind())) {
      errors.add(
          FieldError.invalid(
              "spec.names.listKind", parsed.listKind(), "kind and listKind may not be the same"));
    }
    for (int i = 0; i < parsed.categories().size(); i++) {
      label(Paths.index("spec.names.categories", i), parsed.categories().get(i), false);
    }
  }

  private void label(String field, String value, boolean mixedCase) {
    if (value.isEmpty()) {
      return;
    }
    String problems = Dns1035Label.problems(mixedCase ? value.toLowerCase(Locale.ROOT) : value);
    if (!problems.isEmpty()) {
      errors.add(
          FieldError.invalid(
              field,
              value,
              mixedCase
                  ? "may have mixed case, but should otherwise match: " + problems
                  : problems));
    }
  }

  private void conversion(JsonNode conversion) {
    if (conversion.isMissingNode() || conversion.isNull()) {
      return;
    }
    String strategy = conversion.path("strategy").asText("");
    if (strategy.isEmpty()) {
      errors.add(FieldError.required("spec.conversion.strategy", ""));
    } else if (strategy.equals("Webhook")) {
      errors.add(
          FieldError.invalid(
              "spec.conversion.strategy",
              strategy,
              "webhook conversion is not supported by this server; use None"));
    } else if (!strategy.equals("None")) {
      errors.add(
          FieldError.notSupported(
              "spec.conversion.strategy", strategy, List.of("None", "Webhook")));
    } else if (conversion.has("webhook") || conversion.has("webhookClientConfig")) {
      errors.add(
          FieldError.forbidden(
              "spec.conversion.webhookClientConfig",
              "should not be set when strategy is not set to Webhook"));
    }
  }

  private void storedVersions(ObjectNode crd) {
    JsonNode stored = crd.path("status").path("storedVersions");
    if (stored.isMissingNode() || stored.isNull()) {
      return;
    }
    Set<String> versions = new HashSet<>();
    crd.path("spec").path("versions").forEach(v -> versions.add(v.path("name").asText()));
    for (int i = 0; i < stored.size(); i++) {
      String v = stored.get(i).asText();
      if (!versions.contains(v)) {
        errors.add(
            FieldError.invalid(
                Paths.index("status.storedVersions", i),
                v,
                "missing from spec.versions; "
                    + v
                    + " was previously a storage version, and must remain in spec.versions until"
                    + " a storage migration ensures no data remains persisted in "
                    + v
                    + " and removes "
                    + v
                    + " from status.storedVersions"));
      }
    }
  }
}
