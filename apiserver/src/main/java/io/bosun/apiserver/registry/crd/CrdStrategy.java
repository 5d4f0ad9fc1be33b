package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Strategy;
import io.bosun.core.api.FieldError;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * What the store does with CustomResourceDefinitions: the v1 defaults, a fresh status with the
 * storage version recorded in {@code storedVersions}, validation, and deletion that waits for the
 * {@code customresourcecleanup} finalizer while the custom resources are removed.
 */
final class CrdStrategy implements Strategy {
  private final Clock clock;

  CrdStrategy(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void prepareForCreate(ObjectNode crd) {
    defaults(crd);
    ObjectNode status = crd.putObject("status");
    status.putObject("acceptedNames").put("plural", "").put("kind", "");
    recordStorageVersion(crd);
  }

  @Override
  public void prepareForUpdate(ObjectNode crd, ObjectNode old) {
    defaults(crd);
    recordStorageVersion(crd);
  }

  @Override
  public List<FieldError> validate(ObjectNode crd) {
    return CrdValidation.validate(crd);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode crd, ObjectNode old) {
    return CrdValidation.validateUpdate(crd, old);
  }

  @Override
  public String deletionFinalizer() {
    return Crd.CLEANUP_FINALIZER;
  }

  @Override
  public void prepareForDelete(ObjectNode crd) {
    CrdConditions.set(
        CrdConditions.status(crd),
        "Terminating",
        "True",
        "InstanceDeletionPending",
        "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
        clock);
  }

  /** The defaults of apiextensions.k8s.io/v1. */
  private static void defaults(ObjectNode crd) {
    if (!(crd.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (spec.get("names") instanceof ObjectNode names) {
      String kind = names.path("kind").asText("");
      if (!kind.isEmpty() && names.path("singular").asText("").isEmpty()) {
        names.put("singular", kind.toLowerCase(Locale.ROOT));
      }
      if (!kind.isEmpty() && names.path("listKind").asText("").isEmpty()) {
        names.put("listKind", kind + "List");
      }
    }
    if (!spec.has("conversion")) {
      spec.putObject("conversion").put("strategy", "None");
    }
  }

  /** Adds the storage version to {@code status.storedVersions}, as Kubernetes keeps that list. */
  private static void recordStorageVersion(ObjectNode crd) {
    Crd.Version storage = Crd.of(crd).storageVersion();
    if (storage == null) {
      return;
    }
    ObjectNode status = CrdConditions.status(crd);
    ArrayNode stored =
        status.get("storedVersions") instanceof ArrayNode list
            ? list
            : status.putArray("storedVersions");
    for (JsonNode v : stored) {
      if (v.asText().equals(storage.name())) {
        return;
      }
    }
    stored.add(storage.name());
  }
}
