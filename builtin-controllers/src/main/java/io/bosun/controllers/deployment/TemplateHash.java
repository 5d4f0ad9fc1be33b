package io.bosun.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code pod-template-hash} of a Deployment's template and template equality up to that label.
 * The hash is Kubernetes' recipe (FNV-1a 32 over the template, then the collision count, printed as
 * a decimal and each digit mapped to a letter of "bcdfghjklmnpqrstvwxz2456789") applied to the
 * template's canonical JSON, since Go's object printer is not ours to reproduce: names differ from
 * a Kubernetes cluster's, stability and uniqueness do not.
 */
final class TemplateHash {
  /** The label that ties a ReplicaSet and its pods to one template of a Deployment. */
  static final String LABEL = "pod-template-hash";

  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private TemplateHash() {}

  /** The hash of {@code template} with {@code collisionCount} (may be null). */
  static String of(PodTemplateSpec template, Integer collisionCount) {
    byte[] json =
        canonical(MAPPER.valueToTree(template)).toString().getBytes(StandardCharsets.UTF_8);
    int hash = 0x811c9dc5;
    for (byte b : json) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    if (collisionCount != null) {
      // As binary.LittleEndian.PutUint32 into an 8-byte buffer: 4 bytes, then 4 zeros.
      int count = collisionCount;
      for (int i = 0; i < 8; i++) {
        int b = i < 4 ? (count >>> (8 * i)) & 0xff : 0;
        hash ^= b;
        hash *= 0x01000193;
      }
    }
    String decimal = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder encoded = new StringBuilder(decimal.length());
    for (char c : decimal.toCharArray()) {
      encoded.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
    }
    return encoded.toString();
  }

  /** Whether two templates are equal once the {@link #LABEL} label is ignored on both. */
  static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    return withoutHash(a).equals(withoutHash(b));
  }

  private static JsonNode withoutHash(PodTemplateSpec template) {
    if (template == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    ObjectNode tree = MAPPER.valueToTree(template);
    if (tree.path("metadata").path("labels") instanceof ObjectNode labels) {
      labels.remove(LABEL);
    }
    return canonical(tree);
  }

  /**
   * The tree with object keys sorted, and nulls, empty arrays and empty objects dropped: Kubernetes
   * compares templates semantically, where an empty list equals a missing one.
   */
  static JsonNode canonical(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        JsonNode value = canonical(object.get(name));
        if (!isEmpty(value)) {
          sorted.set(name, value);
        }
      }
      return sorted;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
        copy.add(canonical(it.next()));
      }
      return copy;
    }
    return node;
  }

  private static boolean isEmpty(JsonNode value) {
    return value == null
        || value.isNull()
        || value.isMissingNode()
        || (value.isContainerNode() && value.isEmpty());
  }

  /** The template's labels with the hash label added. */
  static Map<String, String> labelsWithHash(Map<String, String> labels, String hash) {
    Map<String, String> result = new java.util.LinkedHashMap<>();
    if (labels != null) {
      result.putAll(labels);
    }
    result.put(LABEL, hash);
    return result;
  }
}
