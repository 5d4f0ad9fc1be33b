package io.bosun.apiserver.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * kubectl's {@code last-applied-configuration} annotation, which server-side apply honours so that
 * objects managed with client-side apply move to server-side apply as on Kubernetes: kubectl's
 * first server-side apply does not conflict on the fields the annotation still describes, and
 * kubectl's applies keep the annotation up to date.
 */
final class LastApplied {
  static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  /** Kubernetes drops the annotation rather than exceed the annotation size limit. */
  private static final int MAX_BYTES = 256 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LastApplied() {}

  /**
   * Returns whether every conflicting path is one the live object's annotation still describes with
   * its live value: fields kubectl client-side applied, which its server-side apply may take.
   */
  static boolean allows(MergeType root, JsonNode live, Collection<FieldSet> conflicts) {
    String text = annotation(live);
    if (text.isEmpty()) {
      return false;
    }
    JsonNode lastApplied;
    FieldSet allowed;
    try {
      lastApplied = MAPPER.readTree(text);
      if (!lastApplied.isObject()
          || !lastApplied.path("apiVersion").equals(live.path("apiVersion"))) {
        return false;
      }
      Comparison differences = Comparison.of(root, lastApplied, live);
      allowed =
          Fields.of(root, lastApplied)
              .difference(differences.modified())
              .difference(differences.added())
              .difference(differences.removed());
    } catch (JsonProcessingException | InvalidObjectException e) {
      return false;
    }
    for (FieldSet fields : conflicts) {
      if (!fields.difference(allowed).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sets the annotation of {@code object} to {@code config} (without the annotation itself) if it
   * has one, as kubectl's server-side applies do on Kubernetes.
   */
  static void sync(ObjectNode object, ObjectNode config) {
    if (annotation(object).isEmpty()) {
      return;
    }
    ObjectNode applied = config.deepCopy();
    if (applied.path("metadata").path("annotations") instanceof ObjectNode annotations) {
      annotations.remove(ANNOTATION);
      if (annotations.isEmpty()) {
        ((ObjectNode) applied.get("metadata")).remove("annotations");
      }
    }
    String text = goJson(applied);
    if (text.length() <= MAX_BYTES) {
      ((ObjectNode) object.get("metadata").get("annotations")).put(ANNOTATION, text);
    }
  }

  private static String annotation(JsonNode object) {
    return object == null
        ? ""
        : object.path("metadata").path("annotations").path(ANNOTATION).asText("");
  }

  /** JSON as Go's encoder writes a map: sorted keys, HTML characters escaped, a final newline. */
  private static String goJson(JsonNode value) {
    return Values.canonical(value)
            .toString()
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        + "\n";
  }
}
