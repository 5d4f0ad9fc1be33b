package io.bosun.apiserver.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Schemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops the fields a structural schema does not specify, as kube-apiserver prunes custom resources
 * (unless {@code x-kubernetes-preserve-unknown-fields} keeps them). At the root of a resource and
 * of embedded resources, {@code apiVersion} and {@code kind} stay and {@code metadata} keeps the
 * fields of ObjectMeta.
 */
public final class Pruning {
  private static final Set<String> OBJECT_META_FIELDS = fieldNames(Schemas.OBJECT_META);

  private Pruning() {}

  /**
   * Prunes {@code value} in place under {@code schema} and returns the paths of the removed fields,
   * such as {@code spec.foo} or {@code spec.items[0].bar}.
   *
   * @param resourceRoot whether {@code value} is a whole resource (its metadata is ObjectMeta)
   */
  public static List<String> prune(JsonNode value, Structural schema, boolean resourceRoot) {
    List<String> pruned = new ArrayList<>();
    prune(value, schema, resourceRoot, "", pruned);
    return pruned;
  }

  private static void prune(
      JsonNode value, Structural schema, boolean resourceRoot, String path, List<String> pruned) {
    if (schema == null) {
      return;
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        Structural items = schema.items();
        prune(
            array.get(i),
            items,
            items != null && items.embeddedResource(),
            Paths.index(path, i),
            pruned);
      }
      return;
    }
    if (!(value instanceof ObjectNode object)) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      String fieldPath = Paths.child(path, name);
      if (resourceRoot && (name.equals("apiVersion") || name.equals("kind"))) {
        continue;
      }
      if (resourceRoot && name.equals("metadata")) {
        pruneMetadata(field.getValue(), fieldPath, pruned);
        continue;
      }
      Structural property = schema.properties().get(name);
      if (property == null) {
        property = schema.additionalProperties();
      }
      if (property != null) {
        prune(field.getValue(), property, property.embeddedResource(), fieldPath, pruned);
      } else if (!schema.preserveUnknownFields() && !schema.additionalPropertiesAllowed()) {
        it.remove();
        pruned.add(fieldPath);
      }
    }
  }

  private static void pruneMetadata(JsonNode metadata, String path, List<String> pruned) {
    if (!(metadata instanceof ObjectNode object)) {
      return;
    }
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!OBJECT_META_FIELDS.contains(name)) {
        it.remove();
        pruned.add(Paths.child(path, name));
      }
    }
  }

  private static Set<String> fieldNames(ObjectNode schema) {
    List<String> names = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    return Set.copyOf(names);
  }
}
