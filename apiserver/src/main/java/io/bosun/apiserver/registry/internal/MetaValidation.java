package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.NameRule;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import io.bosun.core.selector.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code metadata} rules every kind shares: shape, names, labels and annotations. */
public final class MetaValidation {
  static final String SUBDOMAIN_REGEX =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  static final String LABEL_REGEX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_REGEX);
  private static final Pattern LABEL = Pattern.compile(LABEL_REGEX);
  private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  /** Kubernetes' explanation of a malformed RFC 1123 subdomain. */
  public static final String SUBDOMAIN_MESSAGE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is '"
          + SUBDOMAIN_REGEX
          + "')";

  /** Kubernetes' explanation of a malformed RFC 1123 label. */
  public static final String LABEL_MESSAGE =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '"
          + LABEL_REGEX
          + "')";

  private MetaValidation() {}

  /**
   * Refuses, as 400 Bad Request, a document whose metadata does not have the types {@code
   * ObjectMeta} declares (Kubernetes fails these while decoding).
   */
  public static void checkShape(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata == null || metadata.isNull()) {
      return;
    }
    if (!metadata.isObject()) {
      throw decodeError("metadata", "object", metadata);
    }
    for (String field : List.of("name", "generateName", "namespace", "resourceVersion", "uid")) {
      JsonNode value = metadata.get(field);
      if (value != null && !value.isNull() && !value.isTextual()) {
        throw decodeError("metadata." + field, "string", value);
      }
    }
    for (String field : List.of("labels", "annotations")) {
      JsonNode map = metadata.get(field);
      if (map == null || map.isNull()) {
        continue;
      }
      if (!map.isObject()) {
        throw decodeError("metadata." + field, "map[string]string", map);
      }
      for (JsonNode value : map) {
        if (!value.isTextual() && !value.isNull()) {
          throw decodeError("metadata." + field, "string", value);
        }
      }
    }
  }

  /** Returns the problems of an object's metadata, for a resource with the given rules. */
  public static List<FieldError> validate(ObjectNode object, NameRule rule, boolean namespaced) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else {
      errors.addAll(validateName(rule, "metadata.name", name));
    }
    String namespace = metadata.path("namespace").asText("");
    if (namespaced) {
      if (namespace.isEmpty()) {
        errors.add(FieldError.required("metadata.namespace", ""));
      } else {
        errors.addAll(validateName(NameRule.DNS1123_LABEL, "metadata.namespace", namespace));
      }
    } else if (!namespace.isEmpty()) {
      errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
    }
    errors.addAll(validateLabels(metadata.path("labels"), "metadata.labels"));
    errors.addAll(validateAnnotations(metadata.path("annotations"), "metadata.annotations"));
    return errors;
  }

  /**
   * Returns the problems of the metadata of a resource embedded in another (a custom resource's
   * {@code x-kubernetes-embedded-resource} field) at {@code path}: the name is optional and may be
   * any path segment, the namespace a DNS label, and labels and annotations follow the usual rules.
   */
  public static List<FieldError> validateEmbedded(JsonNode metadata, String path) {
    List<FieldError> errors = new ArrayList<>();
    String name = metadata.path("name").asText("");
    if (!name.isEmpty()) {
      errors.addAll(validateName(NameRule.PATH_SEGMENT, path + ".name", name));
    }
    String namespace = metadata.path("namespace").asText("");
    if (!namespace.isEmpty()) {
      errors.addAll(validateName(NameRule.DNS1123_LABEL, path + ".namespace", namespace));
    }
    errors.addAll(validateLabels(metadata.path("labels"), path + ".labels"));
    errors.addAll(validateAnnotations(metadata.path("annotations"), path + ".annotations"));
    return errors;
  }

  /** Returns the problems of a name under a rule. */
  public static List<FieldError> validateName(NameRule rule, String field, String name) {
    List<FieldError> errors = new ArrayList<>();
    if (rule == NameRule.PATH_SEGMENT) {
      if (name.equals(".") || name.equals("..")) {
        errors.add(FieldError.invalid(field, name, "may not be '" + name + "'"));
      }
      for (String bad : List.of("/", "%")) {
        if (name.contains(bad)) {
          errors.add(FieldError.invalid(field, name, "may not contain '" + bad + "'"));
        }
      }
      return errors;
    }
    int max = rule == NameRule.DNS1123_LABEL ? 63 : 253;
    if (name.length() > max) {
      errors.add(FieldError.invalid(field, name, "must be no more than " + max + " characters"));
    }
    boolean ok =
        rule == NameRule.DNS1123_LABEL
            ? LABEL.matcher(name).matches()
            : SUBDOMAIN.matcher(name).matches();
    if (!ok) {
      errors.add(
          FieldError.invalid(
              field, name, rule == NameRule.DNS1123_LABEL ? LABEL_MESSAGE : SUBDOMAIN_MESSAGE));
    }
    return errors;
  }

  private static List<FieldError> validateLabels(JsonNode labels, String field) {
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      Labels.checkKey(label.getKey())
          .ifPresent(why -> errors.add(FieldError.invalid(field, label.getKey(), why)));
      String value = label.getValue().asText("");
      Labels.checkValue(value).ifPresent(why -> errors.add(FieldError.invalid(field, value, why)));
    }
    return errors;
  }

  private static List<FieldError> validateAnnotations(JsonNode annotations, String field) {
    List<FieldError> errors = new ArrayList<>();
    long bytes = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> annotation = it.next();
      String key = annotation.getKey();
      Labels.checkKey(key.toLowerCase(java.util.Locale.ROOT))
          .ifPresent(why -> errors.add(FieldError.invalid(field, key, why)));
      bytes += key.getBytes(StandardCharsets.UTF_8).length;
      bytes += annotation.getValue().asText("").getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      errors.add(
          new FieldError(
              FieldError.Type.TOO_LONG,
              field,
              null,
              "must have at most " + ANNOTATIONS_MAX_BYTES + " bytes"));
    }
    return errors;
  }

  private static RuntimeException decodeError(String field, String type, JsonNode value) {
    return Status.badRequest(
            "json: cannot unmarshal "
                + jsonType(value)
                + " into Go struct field "
                + field
                + " of type "
                + type)
        .asException();
  }

  private static String jsonType(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    return value.isArray() ? "array" : "object";
  }
}
