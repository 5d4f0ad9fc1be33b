package io.bosun.apiserver.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;

/** Applies a patch document of any supported type to an object. */
public final class Patches {
  /** Kubernetes refuses JSON patches with more operations than this. */
  public static final int MAX_JSON_PATCH_OPERATIONS = 10_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Patches() {}

  /**
   * Returns {@code current} patched; {@code current} is not modified.
   *
   * @param kind the object's kind, which selects the strategic merge keys
   * @throws PatchException when the patch is malformed or does not apply
   */
  public static ObjectNode apply(PatchType type, String kind, ObjectNode current, byte[] patch) {
    JsonNode document = parse(patch);
    JsonNode result =
        switch (type) {
          case JSON -> jsonPatch(current, document);
          case MERGE -> MergePatch.apply(current, requireObject(document));
          case STRATEGIC_MERGE ->
              StrategicMergePatch.apply(
                  current, requireObject(document), PatchStrategies.forKind(kind));
          case APPLY ->
              throw new IllegalArgumentException("apply is not a patch; see GenericStore.apply");
        };
    if (!(result instanceof ObjectNode object)) {
      throw new PatchException("the patch must leave an object", false);
    }
    return object;
  }

  private static JsonNode jsonPatch(ObjectNode current, JsonNode document) {
    if (!document.isArray()) {
      throw new PatchException("a JSON patch must be a list of operations", true);
    }
    if (document.size() > MAX_JSON_PATCH_OPERATIONS) {
      throw new PatchException(
          "The allowed maximum operations in a JSON patch is "
              + MAX_JSON_PATCH_OPERATIONS
              + ", got "
              + document.size(),
          false);
    }
    try {
      return JsonPatch.apply(document, current);
    } catch (JsonPatchException | IllegalArgumentException e) {
      throw new PatchException(e.getMessage(), false);
    }
  }

  private static JsonNode parse(byte[] patch) {
    if (patch == null || patch.length == 0) {
      throw new PatchException("the patch is empty", true);
    }
    try {
      return MAPPER.readTree(patch);
    } catch (JsonProcessingException e) {
      throw new PatchException("the patch is not valid JSON: " + e.getOriginalMessage(), true);
    } catch (java.io.IOException e) {
      throw new PatchException("the patch could not be read: " + e.getMessage(), true);
    }
  }

  private static ObjectNode requireObject(JsonNode document) {
    if (!(document instanceof ObjectNode object)) {
      throw new PatchException("a merge patch must be a JSON object", true);
    }
    return object;
  }
}
