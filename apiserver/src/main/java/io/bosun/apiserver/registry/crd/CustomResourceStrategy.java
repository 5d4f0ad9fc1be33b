package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.JsonPaths;
import io.bosun.apiserver.registry.ScalePaths;
import io.bosun.apiserver.registry.Strategy;
import io.bosun.apiserver.registry.crd.cel.CelValidator;
import io.bosun.apiserver.registry.crd.schema.Defaulting;
import io.bosun.apiserver.registry.crd.schema.Pruning;
import io.bosun.apiserver.registry.crd.schema.Structural;
import io.bosun.apiserver.registry.crd.schema.Validation;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store does with the objects of one custom resource version: prune unknown fields and
 * apply defaults on every write and read, drop the status a create sends when {@code /status} is
 * served, and validate against the structural schema, the CEL rules and the scale subresource's
 * replicas.
 */
final class CustomResourceStrategy implements Strategy {
  private final Structural schema;
  private final CelValidator rules;
  private final boolean statusSubresource;
  private final ScalePaths scale;
  private final boolean terminating;

  CustomResourceStrategy(Crd.Version version, boolean terminating) {
    this.schema = version.schema() == null ? null : Structural.of(version.schema());
    this.rules = schema == null ? null : CelValidator.of(schema);
    this.statusSubresource = version.status();
    this.scale = version.scale();
    this.terminating = terminating;
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    if (terminating) {
      throw new Status(
              405,
              "MethodNotAllowed",
              "create not allowed while custom resource definition is terminating",
              null)
          .asException();
    }
    if (statusSubresource) {
      object.remove("status");
    }
    normalize(object);
  }

  @Override
  public void prepareForUpdate(ObjectNode object, ObjectNode old) {
    normalize(object);
  }

  @Override
  public List<FieldError> validate(ObjectNode object) {
    return validate(object, null);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    return validate(object, old);
  }

  private List<FieldError> validate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>();
    if (schema != null) {
      errors.addAll(Validation.validate(object, schema, ""));
    }
    if (scale != null) {
      errors.addAll(scaleReplicas(object));
    }
    if (rules != null && !rules.isEmpty()) {
      if (errors.stream().anyMatch(e -> e.type() == FieldError.Type.TYPE_INVALID)) {
        // As Kubernetes: rules cannot run on values of the wrong type.
        errors.add(
            FieldError.invalid(
                "<nil>",
                null,
                "some validation rules were not checked because the object was invalid; correct"
                    + " the existing errors to complete validation"));
      } else {
        errors.addAll(rules.validate(object, old));
      }
    }
    return errors;
  }

  /** The replicas at the scale subresource's spec path must be a non-negative int32. */
  private List<FieldError> scaleReplicas(ObjectNode object) {
    JsonNode replicas = JsonPaths.get(object, scale.specReplicasPath());
    if (replicas.isMissingNode() || replicas.isNull()) {
      return List.of();
    }
    String path = scale.specReplicasPath();
    if (!replicas.isIntegralNumber()) {
      return List.of(
          FieldError.invalid(
              path,
              0,
              ".spec.replicas accessor error: "
                  + replicas
                  + " is of the type "
                  + (replicas.isTextual() ? "string" : replicas.getNodeType().name().toLowerCase())
                  + ", expected int64"));
    }
    if (replicas.asLong() < 0) {
      return List.of(
          FieldError.invalid(path, replicas.asLong(), "should be a non-negative integer"));
    }
    if (replicas.asLong() > Integer.MAX_VALUE) {
      return List.of(
          FieldError.invalid(
              path, replicas.asLong(), "should be less than or equal to " + Integer.MAX_VALUE));
    }
    return List.of();
  }

  @Override
  public Optional<List<String>> unknownFields(ObjectNode object) {
    if (schema == null) {
      return Optional.of(List.of());
    }
    return Optional.of(Pruning.prune(object.deepCopy(), schema, true));
  }

  @Override
  public boolean preparesReads() {
    return schema != null;
  }

  @Override
  public void prepareForRead(ObjectNode object) {
    normalize(object);
  }

  /** Prunes what the schema does not know, then applies its defaults. */
  private void normalize(ObjectNode object) {
    if (schema == null) {
      return;
    }
    Pruning.prune(object, schema, true);
    Defaulting.apply(object, schema);
  }
}
