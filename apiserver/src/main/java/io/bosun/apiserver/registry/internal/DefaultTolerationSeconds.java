package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' DefaultTolerationSeconds admission plugin: a new pod that does not already tolerate
 * the {@code not-ready} and {@code unreachable} NoExecute taints gets tolerations of them for
 * {@value #DEFAULT_SECONDS} seconds, so that the node lifecycle controller evicts it five minutes
 * after its node stops answering rather than at once.
 */
final class DefaultTolerationSeconds {
  /** The taint a node whose Ready condition is False carries. */
  static final String NOT_READY = "node.kubernetes.io/not-ready";

  /** The taint a node whose Ready condition is Unknown carries. */
  static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  /** How long the added tolerations tolerate (kube-apiserver's flag defaults). */
  static final int DEFAULT_SECONDS = 300;

  private DefaultTolerationSeconds() {}

  /** Adds the missing default tolerations to {@code pod}'s spec. */
  static void admit(ObjectNode pod) {
    ObjectNode spec = Defaults.child(pod, "spec");
    JsonNode existing = spec.path("tolerations");
    boolean notReady = tolerates(existing, NOT_READY);
    boolean unreachable = tolerates(existing, UNREACHABLE);
    if (notReady && unreachable) {
      return;
    }
    ArrayNode tolerations =
        existing instanceof ArrayNode array ? array : spec.putArray("tolerations");
    if (!notReady) {
      add(tolerations, NOT_READY);
    }
    if (!unreachable) {
      add(tolerations, UNREACHABLE);
    }
  }

  /**
   * Whether a toleration covers the NoExecute taint {@code key}: an empty key matches every key and
   * an empty effect every effect, as the plugin reads them (operator and value are not looked at).
   */
  private static boolean tolerates(JsonNode tolerations, String key) {
    for (JsonNode toleration : tolerations) {
      String tolerated = toleration.path("key").asText("");
      String effect = toleration.path("effect").asText("");
      if ((tolerated.isEmpty() || tolerated.equals(key))
          && (effect.isEmpty() || effect.equals("NoExecute"))) {
        return true;
      }
    }
    return false;
  }

  private static void add(ArrayNode tolerations, String key) {
    tolerations
        .addObject()
        .put("key", key)
        .put("operator", "Exists")
        .put("effect", "NoExecute")
        .put("tolerationSeconds", DEFAULT_SECONDS);
  }
}
