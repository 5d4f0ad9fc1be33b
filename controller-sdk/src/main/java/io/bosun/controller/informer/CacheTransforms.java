package io.bosun.controller.informer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * Standard transforms applied to each object before an informer caches it and hands it to handlers.
 * A transform changes the tree it is given and returns it (or a replacement).
 */
public final class CacheTransforms {
  /** The annotation {@code kubectl apply} keeps the last applied configuration in. */
  public static final String LAST_APPLIED_ANNOTATION =
      "kubectl.kubernetes.io/last-applied-configuration";

  /** Keeps every field. */
  public static final UnaryOperator<ObjectNode> NONE = tree -> tree;

  /**
   * Drops {@code metadata.managedFields} and the last-applied annotation: bookkeeping of field
   * ownership and of {@code kubectl apply}, up to a third of an object's bytes, which controllers
   * reading from a cache rarely need.
   */
  public static final UnaryOperator<ObjectNode> STRIP_MANAGED_FIELDS =
      tree -> {
        JsonNode metadata = tree.get("metadata");
        if (metadata instanceof ObjectNode meta) {
          meta.remove("managedFields");
          if (meta.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(LAST_APPLIED_ANNOTATION);
            if (annotations.isEmpty()) {
              meta.remove("annotations");
            }
          }
        }
        return tree;
      };

  private CacheTransforms() {}
}
