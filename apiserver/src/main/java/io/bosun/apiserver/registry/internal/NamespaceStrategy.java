package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Strategy;

/**
 * Namespace semantics: created Active with the {@code kubernetes} finalizer; an update through the
 * main resource keeps spec.finalizers (they change only through /finalize; the store keeps status,
 * which changes only through /status).
 */
final class NamespaceStrategy implements Strategy {

  @Override
  public void prepareForCreate(ObjectNode object) {
    ObjectNode spec = object.putObject("spec");
    spec.putArray("finalizers").add("kubernetes");
    object.putObject("status").put("phase", "Active");
  }

  @Override
  public void prepareForUpdate(ObjectNode object, ObjectNode old) {
    JsonNode finalizers = old.path("spec").path("finalizers");
    ObjectNode spec = object.putObject("spec");
    if (!finalizers.isMissingNode()) {
      spec.set("finalizers", finalizers.deepCopy());
    }
  }

  @Override
  public void prepareForDelete(ObjectNode object) {
    ObjectNode status =
        object.get("status") instanceof ObjectNode s ? s : object.putObject("status");
    status.put("phase", "Terminating");
  }

  @Override
  public boolean heldByKindFinalizers(ObjectNode object) {
    return !object.path("spec").path("finalizers").isEmpty();
  }
}
