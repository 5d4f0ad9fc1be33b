package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.internal.MetaValidation;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of an {@code x-kubernetes-embedded-resource} value: an object with {@code apiVersion}
 * and {@code kind}, and metadata that passes ObjectMeta validation (the name is optional).
 */
final class EmbeddedResources {
  private static final Pattern DNS1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern GROUP_VERSION = Pattern.compile("^([^/]+/)?[^/]+$");

  private EmbeddedResources() {}

  static List<FieldError> validate(ObjectNode object, String path) {
    List<FieldError> errors = new ArrayList<>();
    String apiVersionPath = Paths.child(path, "apiVersion");
    String kindPath = Paths.child(path, "kind");
    JsonNode apiVersion = object.get("apiVersion");
    if (apiVersion == null) {
      errors.add(FieldError.required(apiVersionPath, "must not be empty"));
    } else if (!apiVersion.isTextual()) {
      errors.add(
          FieldError.invalid(apiVersionPath, FieldValues.of(apiVersion), "must be a string"));
    } else if (apiVersion.asText().isEmpty()) {
      errors.add(FieldError.invalid(apiVersionPath, "", "must not be empty"));
    } else if (!GROUP_VERSION.matcher(apiVersion.asText()).matches()) {
      errors.add(
          FieldError.invalid(
              apiVersionPath,
              apiVersion.asText(),
              "unexpected GroupVersion string: " + apiVersion.asText()));
    }
    JsonNode kind = object.get("kind");
    if (kind == null) {
      errors.add(FieldError.required(kindPath, "must not be empty"));
    } else if (!kind.isTextual()) {
      errors.add(FieldError.invalid(kindPath, FieldValues.of(kind), "must be a string"));
    } else if (kind.asText().isEmpty()) {
      errors.add(FieldError.invalid(kindPath, "", "must not be empty"));
    } else if (!DNS1035.matcher(kind.asText().toLowerCase(Locale.ROOT)).matches()) {
      errors.add(
          FieldError.invalid(
              kindPath,
              kind.asText(),
              "may have mixed case, but should otherwise match: " + Dns1035Label.MESSAGE));
    }
    JsonNode metadata = object.get("metadata");
    if (metadata != null && !metadata.isNull()) {
      String metadataPath = Paths.child(path, "metadata");
      if (!metadata.isObject()) {
        errors.add(FieldError.invalid(metadataPath, FieldValues.of(metadata), "must be an object"));
      } else {
        errors.addAll(MetaValidation.validateEmbedded(metadata, metadataPath));
      }
    }
    return errors;
  }
}
