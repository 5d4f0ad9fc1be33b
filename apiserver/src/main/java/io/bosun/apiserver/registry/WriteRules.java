package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.internal.MetaValidation;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The metadata rules every write of every kind follows, around the kind's {@link Strategy}: what a
 * create sets and refuses, what an update keeps from the stored object, validation, generation.
 * Pure functions of the documents; the store runs them inside its storage calls.
 */
final class WriteRules {
  private WriteRules() {}

  static ObjectNode prepareCreate(
      ResourceType type, String namespace, ObjectNode body, Clock clock) {
    ObjectNode object = body.deepCopy();
    Identity.apply(type, namespace, object);
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    if (!metadata.path("resourceVersion").asText("").isEmpty()) {
      throw Status.badRequest("resourceVersion should not be set on objects to be created")
          .asException();
    }
    metadata.remove(List.of("resourceVersion", "deletionTimestamp", "selfLink"));
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    type.strategy().prepareForCreate(object);
    if (type.tracksGeneration()) {
      metadata.put("generation", 1);
    } else {
      metadata.remove("generation");
    }
    return object;
  }

  static Preconditions prepareUpdate(
      ResourceType type, String namespace, String name, Subresource subresource, ObjectNode body) {
    ObjectNode probe = body.deepCopy();
    if (subresource != Subresource.SCALE) {
      Identity.apply(type, namespace, probe);
    }
    String bodyName = probe.path("metadata").path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw Status.badRequest(
              "the name of the object ("
                  + bodyName
                  + ") does not match the name on the URL ("
                  + name
                  + ")")
          .asException();
    }
    String rv = probe.path("metadata").path("resourceVersion").asText("");
    if (rv.isEmpty()) {
      if (!type.strategy().allowUnconditionalUpdate()) {
        throw Status.invalid(
                type.group(),
                type.kind(),
                name,
                List.of(
                    FieldError.invalid(
                        "metadata.resourceVersion", "", "must be specified for an update")))
            .asException();
      }
      return Preconditions.NONE;
    }
    try {
      return Preconditions.resourceVersion(Long.parseLong(rv));
    } catch (NumberFormatException e) {
      throw Status.badRequest("invalid resource version: " + rv).asException();
    }
  }

  static String applyUpdate(
      ResourceType type,
      Subresource subresource,
      ObjectNode body,
      StoredObject current,
      FieldTracking tracking) {
    ObjectNode old = JsonTrees.read(current.json());
    ObjectNode object = subresource.merge(type, body, old);
    Identity.apply(type, current.key().namespace(), object);
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    JsonNode oldMetadata = old.path("metadata");
    for (String immutable :
        List.of(
            "name",
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds")) {
      JsonNode value = oldMetadata.get(immutable);
      if (value == null) {
        metadata.remove(immutable);
      } else {
        metadata.set(immutable, value);
      }
    }
    metadata.remove("selfLink");
    metadata.put("resourceVersion", String.valueOf(current.resourceVersion()));
    if (subresource != Subresource.FINALIZE) {
      // /finalize changes spec.finalizers alone, which the kind's update rules would reset.
      type.strategy().prepareForUpdate(object, old);
    }
    Deletion.checkNoNewFinalizers(type, object, old);
    validate(type, object, old);
    type.strategy().canonicalize(object);
    if (type.tracksGeneration()) {
      Generation.bump(object, old);
    } else {
      metadata.remove("generation");
    }
    tracking.track(old, object);
    return object.equals(old) ? current.json() : JsonTrees.write(object);
  }

  static void validate(ResourceType type, ObjectNode object, ObjectNode old) {
    List<FieldError> errors =
        new ArrayList<>(MetaValidation.validate(object, type.nameRule(), type.namespaced()));
    errors.addAll(
        old == null
            ? type.strategy().validate(object)
            : type.strategy().validateUpdate(object, old));
    if (!errors.isEmpty()) {
      String name = object.path("metadata").path("name").asText("");
      throw Status.invalid(type.group(), type.kind(), name, errors).asException();
    }
  }

  static void checkResourceVersion(
      ResourceType type, String name, ObjectNode object, StoredObject current) {
    String rv = object.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(String.valueOf(current.resourceVersion()))) {
      throw Status.conflict(
              type.group(),
              type.resource(),
              name,
              "the object has been modified; please apply your changes to the latest"
                  + " version and try again")
          .asException();
    }
  }
}
