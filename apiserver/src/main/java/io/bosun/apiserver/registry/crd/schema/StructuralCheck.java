package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that a CustomResourceDefinition's schema is structural, as kube-apiserver requires before
 * it prunes, defaults or runs CEL: every field has a type, value validations ({@code allOf}, {@code
 * anyOf}, {@code oneOf}, {@code not}) only restrict fields that the structural part declares, the
 * metadata of the resource is left alone, and the extensions are used where they make sense. Also
 * checks that defaults validate and need no pruning.
 */
public final class StructuralCheck {
  private static final List<String> ROOT_FIELDS_WITH_STATUS =
      List.of(
          "description",
          "type",
          "format",
          "title",
          "maximum",
          "exclusiveMaximum",
          "minimum",
          "exclusiveMinimum",
          "maxLength",
          "minLength",
          "pattern",
          "maxItems",
          "minItems",
          "uniqueItems",
          "multipleOf",
          "required",
          "items",
          "properties",
          "externalDocs",
          "example",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-validations");
  private static final String GO_ROOT_FIELDS =
      "[Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength"
          + " MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties"
          + " ExternalDocs Example XPreserveUnknownFields XValidations]";

  private enum Level {
    ROOT,
    ITEM,
    FIELD
  }

  private final List<FieldError> errors = new ArrayList<>();

  private StructuralCheck() {}

  /**
   * Returns what is wrong with the {@code openAPIV3Schema} of a version, whose path is {@code path}
   * (such as {@code spec.validation.openAPIV3Schema}); empty when the schema is structural and its
   * defaults are valid.
   *
   * @param statusSubresource whether the version has the status subresource, which restricts the
   *     root
   */
  public static List<FieldError> check(ObjectNode schema, String path, boolean statusSubresource) {
    List<FieldError> errors = new ArrayList<>();
    if (statusSubresource) {
      errors.addAll(statusRoot(schema, path));
    }
    if (schema.path("nullable").asBoolean(false)) {
      errors.add(
          FieldError.forbidden(
              Paths.child(path, "nullable"), "nullable cannot be true at the root"));
    }
    StructuralCheck check = new StructuralCheck();
    Structural root = Structural.of(schema);
    check.invariants(root, Level.ROOT, path);
    check.completeness(root, path);
    check.errors.sort(Comparator.comparing(FieldError::toString));
    List<FieldError> rules = SchemaRules.check(schema, path);
    errors.addAll(check.errors);
    errors.addAll(rules);
    if (check.errors.isEmpty() && rules.isEmpty()) {
      errors.addAll(Defaulting.check(root, path));
    }
    return errors;
  }

  private static List<FieldError> statusRoot(ObjectNode schema, String path) {
    String type = schema.path("type").asText("");
    if (!type.isEmpty() && !type.equals("object")) {
      return List.of(
          FieldError.invalid(
              Paths.child(path, "type"),
              type,
              "only \"object\" is allowed as the type at the root of the schema if the status"
                  + " subresource is enabled"));
    }
    for (var it = schema.fieldNames(); it.hasNext(); ) {
      if (!ROOT_FIELDS_WITH_STATUS.contains(it.next())) {
        return List.of(
            FieldError.invalid(
                path,
                schema.toString(),
                "only "
                    + GO_ROOT_FIELDS
                    + " fields are allowed at the root of the schema if the status subresource is"
                    + " enabled"));
      }
    }
    return List.of();
  }

  private void invariants(Structural s, Level level, String path) {
    if (s.type().equals("array") && s.items() == null) {
      errors.add(FieldError.required(Paths.child(path, "items"), "must be specified"));
    }
    if (s.items() != null) {
      invariants(s.items(), Level.ITEM, Paths.child(path, "items"));
    }
    for (Map.Entry<String, Structural> p : s.properties().entrySet()) {
      invariants(p.getValue(), Level.FIELD, Paths.key(Paths.child(path, "properties"), p.getKey()));
    }
    if (s.source().has("additionalProperties")) {
      if (level == Level.ROOT) {
        errors.add(
            FieldError.forbidden(
                Paths.child(path, "additionalProperties"), "must not be used at the root"));
      }
      if (s.additionalProperties() != null) {
        invariants(
            s.additionalProperties(), Level.FIELD, Paths.child(path, "additionalProperties"));
      }
    }
    if (s.intOrString() && s.preserveUnknownFields()) {
      errors.add(
          FieldError.invalid(
              Paths.child(path, "x-kubernetes-preserve-unknown-fields"),
              true,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    if (s.intOrString() && s.embeddedResource()) {
      errors.add(
          FieldError.invalid(
              Paths.child(path, "x-kubernetes-embedded-resource"),
              true,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    valueValidation(s, intOrStringAnyOf(s.anyOf()), path);
    typeInvariants(s, level, path);
    metadataInvariants(s, level, path);
  }

  private void typeInvariants(Structural s, Level level, String path) {
    String type = s.type();
    if (s.embeddedResource() && !type.equals("object")) {
      String detail = "must be object if x-kubernetes-embedded-resource is true";
      errors.add(
          type.isEmpty()
              ? FieldError.required(Paths.child(path, "type"), detail)
              : FieldError.invalid(Paths.child(path, "type"), type, detail));
    } else if (type.isEmpty() && !s.intOrString() && !s.preserveUnknownFields()) {
      String detail =
          switch (level) {
            case ROOT -> "must not be empty at the root";
            case ITEM -> "must not be empty for specified array items";
            case FIELD -> "must not be empty for specified object fields";
          };
      errors.add(FieldError.required(Paths.child(path, "type"), detail));
    }
    if (s.embeddedResource() && s.source().has("additionalProperties")) {
      errors.add(
          FieldError.forbidden(
              Paths.child(path, "additionalProperties"),
              "must not be used if x-kubernetes-embedded-resource is set"));
    }
    if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
      errors.add(FieldError.invalid(Paths.child(path, "type"), type, "must be object at the root"));
    }
    if (s.embeddedResource() && !s.preserveUnknownFields() && s.properties().isEmpty()) {
      errors.add(
          FieldError.required(
              Paths.child(path, "properties"),
              "must not be empty if x-kubernetes-embedded-resource is true without"
                  + " x-kubernetes-preserve-unknown-fields"));
    }
  }

  private void metadataInvariants(Structural s, Level level, String path) {
    boolean resource = level == Level.ROOT || s.embeddedResource();
    String properties = Paths.child(path, "properties");
    if (resource) {
      for (String field : List.of("kind", "apiVersion")) {
        Structural f = s.properties().get(field);
        if (f != null && !f.type().equals("string")) {
          errors.add(
              FieldError.invalid(
                  Paths.child(Paths.key(properties, field), "type"), f.type(), "must be string"));
        }
      }
      Structural metadata = s.properties().get("metadata");
      if (metadata != null && !metadata.type().equals("object")) {
        errors.add(
            FieldError.invalid(
                Paths.child(Paths.key(properties, "metadata"), "type"),
                metadata.type(),
                "must be object"));
      }
    }
    Structural metadata = s.properties().get("metadata");
    if (level == Level.ROOT && metadata != null && !onlyNames(metadata)) {
      errors.add(
          FieldError.forbidden(
              Paths.key(properties, "metadata"),
              "must not specify anything other than name and generateName, but metadata is"
                  + " implicitly specified"));
    }
  }

  /** Returns whether a root metadata schema restricts at most name and generateName. */
  private static boolean onlyNames(Structural metadata) {
    Set<String> names = metadata.properties().keySet();
    if (!Set.of("name", "generateName").containsAll(names)) {
      return false;
    }
    for (var it = metadata.source().fieldNames(); it.hasNext(); ) {
      String keyword = it.next();
      if (!List.of("type", "properties", "default").contains(keyword)) {
        return false;
      }
    }
    return true;
  }

  /** The junctors of a node: only value validations, the int-or-string patterns excepted. */
  private void valueValidation(Structural s, boolean skipAnyOf, String path) {
    if (!skipAnyOf) {
      junctors(s.anyOf(), Paths.child(path, "anyOf"), false);
    }
    for (int i = 0; i < s.allOf().size(); i++) {
      Structural allOf = s.allOf().get(i);
      boolean skip = i == 0 && intOrStringAnyOf(allOf.anyOf());
      nested(allOf, skip, Paths.index(Paths.child(path, "allOf"), i));
    }
    junctors(s.oneOf(), Paths.child(path, "oneOf"), false);
    if (s.not() != null) {
      nested(s.not(), false, Paths.child(path, "not"));
    }
    String pattern = s.pattern();
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        errors.add(
            FieldError.invalid(
                Paths.child(path, "pattern"),
                pattern,
                "must be a valid regular expression, but isn't: " + e.getDescription()));
      }
    }
  }

  private void junctors(List<Structural> list, String path, boolean skipAnyOf) {
    for (int i = 0; i < list.size(); i++) {
      nested(list.get(i), skipAnyOf, Paths.index(path, i));
    }
  }

  private void nested(Structural v, boolean skipAnyOf, String path) {
    valueValidation(v, skipAnyOf, path);
    if (v.items() != null) {
      nested(v.items(), false, Paths.child(path, "items"));
    }
    for (Map.Entry<String, Structural> p : v.properties().entrySet()) {
      nested(p.getValue(), false, Paths.key(Paths.child(path, "properties"), p.getKey()));
    }
    ObjectNode source = v.source();
    forbidIf(source.has("type"), path, "type", "must be empty to be structural");
    forbidIf(
        source.has("additionalProperties"),
        path,
        "additionalProperties",
        "must be undefined to be structural");
    forbidIf(source.has("default"), path, "default", "must be undefined to be structural");
    forbidIf(
        !v.source().path("title").asText("").isEmpty(),
        path,
        "title",
        "must be empty to be structural");
    forbidIf(!v.description().isEmpty(), path, "description", "must be empty to be structural");
    forbidIf(v.nullable(), path, "nullable", "must be false to be structural");
    forbidIf(
        v.preserveUnknownFields(),
        path,
        "x-kubernetes-preserve-unknown-fields",
        "must be false to be structural");
    forbidIf(
        v.embeddedResource(),
        path,
        "x-kubernetes-embedded-resource",
        "must be false to be structural");
    forbidIf(v.intOrString(), path, "x-kubernetes-int-or-string", "must be false to be structural");
    forbidIf(
        !v.listMapKeys().isEmpty(),
        path,
        "x-kubernetes-list-map-keys",
        "must be empty to be structural");
    forbidIf(
        source.has("x-kubernetes-list-type"),
        path,
        "x-kubernetes-list-type",
        "must be undefined to be structural");
    if (v.properties().containsKey("metadata")) {
      errors.add(
          FieldError.forbidden(
              Paths.key(Paths.child(path, "properties"), "metadata"),
              "must not be specified in a nested context"));
    }
  }

  private void forbidIf(boolean condition, String path, String keyword, String detail) {
    if (condition) {
      errors.add(FieldError.forbidden(Paths.child(path, keyword), detail));
    }
  }

  /** Returns whether {@code anyOf} is exactly {@code [{type: integer}, {type: string}]}. */
  private static boolean intOrStringAnyOf(List<Structural> anyOf) {
    if (anyOf.size() != 2) {
      return false;
    }
    ObjectNode integer = JsonNodeFactory.instance.objectNode().put("type", "integer");
    ObjectNode string = JsonNodeFactory.instance.objectNode().put("type", "string");
    return anyOf.get(0).source().equals(integer) && anyOf.get(1).source().equals(string);
  }

  /** Every field a value validation restricts must also be specified structurally. */
  private void completeness(Structural s, String path) {
    if (s == null) {
      return;
    }
    for (String junctor : List.of("allOf", "anyOf", "oneOf")) {
      List<Structural> list =
          switch (junctor) {
            case "allOf" -> s.allOf();
            case "anyOf" -> s.anyOf();
            default -> s.oneOf();
          };
      for (int i = 0; i < list.size(); i++) {
        nestedCompleteness(list.get(i), s, path, Paths.index(Paths.child(path, junctor), i));
      }
    }
    if (s.not() != null) {
      nestedCompleteness(s.not(), s, path, Paths.child(path, "not"));
    }
    completeness(s.items(), Paths.child(path, "items"));
    completeness(s.additionalProperties(), Paths.child(path, "additionalProperties"));
    for (Map.Entry<String, Structural> p : s.properties().entrySet()) {
      completeness(p.getValue(), Paths.key(Paths.child(path, "properties"), p.getKey()));
    }
  }

  private void nestedCompleteness(Structural v, Structural s, String sPath, String vPath) {
    if (s == null) {
      errors.add(FieldError.required(sPath, "because it is defined in " + vPath));
      return;
    }
    if (v.items() != null) {
      nestedCompleteness(
          v.items(), s.items(), Paths.child(sPath, "items"), Paths.child(vPath, "items"));
    }
    for (Map.Entry<String, Structural> p : v.properties().entrySet()) {
      String sChild = Paths.key(Paths.child(sPath, "properties"), p.getKey());
      String vChild = Paths.key(Paths.child(vPath, "properties"), p.getKey());
      Structural field = s.properties().get(p.getKey());
      if (field == null && s.additionalProperties() != null) {
        field = s.additionalProperties();
      }
      nestedCompleteness(p.getValue(), field, sChild, vChild);
    }
    for (Structural junctor : v.allOf()) {
      nestedCompleteness(junctor, s, sPath, vPath);
    }
  }
}
