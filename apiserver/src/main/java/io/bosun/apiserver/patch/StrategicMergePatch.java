package io.bosun.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.patch.PatchStrategies.ListStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strategic merge patch: a merge patch in which lists tagged with a merge strategy are merged
 * element by element (by their merge key, or as sets of scalars) instead of replaced, with the
 * directives {@code $patch} (replace, delete, merge), {@code $retainKeys}, {@code
 * $deleteFromPrimitiveList/<list>} and {@code $setElementOrder/<list>}.
 */
final class StrategicMergePatch {
  private static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String DELETE_FROM_PRIMITIVE = "$deleteFromPrimitiveList/";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private StrategicMergePatch() {}

  static ObjectNode apply(ObjectNode target, ObjectNode patch, PatchStrategies strategies) {
    JsonNode merged = mergeObject(target.deepCopy(), patch, "", strategies);
    return merged instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
  }

  /** Merges {@code patch} into {@code target} (modified in place); null means "delete me". */
  private static ObjectNode mergeObject(
      ObjectNode target, ObjectNode patch, String path, PatchStrategies strategies) {
    String directive = patch.path(PATCH).asText("");
    switch (directive) {
      case "delete":
        return null;
      case "replace":
        {
          ObjectNode replacement = patch.deepCopy();
          replacement.remove(PATCH);
          return replacement;
        }
      case "", "merge":
        break;
      default:
        throw new PatchException("unknown patch directive \"" + directive + "\"", true);
    }
    JsonNode retain = patch.get(RETAIN_KEYS);
    if (retain != null) {
      if (!retain.isArray()) {
        throw new PatchException(RETAIN_KEYS + " must be a list of field names", true);
      }
      Set<String> keep = new HashSet<>();
      retain.forEach(k -> keep.add(k.asText()));
      target.retain(keep);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals(PATCH) || name.equals(RETAIN_KEYS) || name.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (name.startsWith(DELETE_FROM_PRIMITIVE)) {
        String list = name.substring(DELETE_FROM_PRIMITIVE.length());
        if (target.get(list) instanceof ArrayNode array) {
          Set<JsonNode> remove = new HashSet<>();
          value.forEach(remove::add);
          target.set(list, filter(array, e -> !remove.contains(e)));
        }
        continue;
      }
      String childPath = path.isEmpty() ? name : path + "." + name;
      JsonNode existing = target.get(name);
      if (value.isNull()) {
        target.remove(name);
      } else if (value instanceof ObjectNode patchObject) {
        ObjectNode into =
            existing instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        ObjectNode merged = mergeObject(into, patchObject, childPath, strategies);
        if (merged == null) {
          target.remove(name);
        } else {
          target.set(name, merged);
        }
      } else if (value instanceof ArrayNode patchList) {
        Optional<ListStrategy> strategy = strategies.list(childPath);
        ArrayNode current =
            existing instanceof ArrayNode array ? array : JsonNodeFactory.instance.arrayNode();
        ArrayNode merged =
            strategy.isEmpty()
                ? withoutDirectives(patchList)
                : strategy.get().primitive()
                    ? union(current, patchList)
                    : mergeByKey(
                        current, patchList, strategy.get().mergeKey(), childPath, strategies);
        JsonNode order = patch.get(SET_ELEMENT_ORDER + name);
        target.set(
            name,
            order instanceof ArrayNode o && strategy.isPresent()
                ? reorder(merged, o, strategy.get())
                : merged);
      } else {
        target.set(name, value.deepCopy());
      }
    }
    return target;
  }

  private static ArrayNode mergeByKey(
      ArrayNode current, ArrayNode patch, String key, String path, PatchStrategies strategies) {
    for (JsonNode element : patch) {
      if (element instanceof ObjectNode o && "replace".equals(o.path(PATCH).asText())) {
        ArrayNode replacement = JsonNodeFactory.instance.arrayNode();
        patch.forEach(
            e -> {
              if (!(e instanceof ObjectNode eo && eo.has(PATCH))) {
                replacement.add(e.deepCopy());
              }
            });
        return replacement;
      }
    }
    Map<JsonNode, JsonNode> byKey = new LinkedHashMap<>();
    List<JsonNode> unkeyed = new ArrayList<>();
    for (JsonNode element : current) {
      JsonNode k = element.get(key);
      if (k == null) {
        unkeyed.add(element);
      } else {
        byKey.put(k, element);
      }
    }
    for (JsonNode element : patch) {
      if (!(element instanceof ObjectNode patchElement)) {
        throw new PatchException(
            "the elements of " + path + " must be objects with a \"" + key + "\"", false);
      }
      JsonNode k = patchElement.get(key);
      if (k == null) {
        throw new PatchException(
            "an element of " + path + " has no merge key \"" + key + "\"", false);
      }
      JsonNode existing = byKey.get(k);
      ObjectNode into =
          existing instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
      ObjectNode merged = mergeObject(into, patchElement, path, strategies);
      if (merged == null) {
        byKey.remove(k);
      } else {
        byKey.put(k, merged);
      }
    }
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    unkeyed.forEach(result::add);
    byKey.values().forEach(result::add);
    return result;
  }

  private static ArrayNode union(ArrayNode current, ArrayNode patch) {
    ArrayNode result = current.deepCopy();
    Set<JsonNode> present = new HashSet<>();
    current.forEach(present::add);
    for (JsonNode element : patch) {
      if (present.add(element)) {
        result.add(element.deepCopy());
      }
    }
    return result;
  }

  private static ArrayNode reorder(ArrayNode list, ArrayNode order, ListStrategy strategy) {
    List<JsonNode> rest = new ArrayList<>();
    list.forEach(rest::add);
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    for (JsonNode wanted : order) {
      JsonNode wantedKey = strategy.primitive() ? wanted : wanted.get(strategy.mergeKey());
      for (Iterator<JsonNode> it = rest.iterator(); it.hasNext(); ) {
        JsonNode element = it.next();
        JsonNode elementKey = strategy.primitive() ? element : element.get(strategy.mergeKey());
        if (elementKey != null && elementKey.equals(wantedKey)) {
          result.add(element);
          it.remove();
          break;
        }
      }
    }
    rest.forEach(result::add);
    return result;
  }

  private static ArrayNode withoutDirectives(ArrayNode list) {
    return filter(list, e -> !(e instanceof ObjectNode o && o.has(PATCH)));
  }

  private static ArrayNode filter(ArrayNode list, java.util.function.Predicate<JsonNode> keep) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    for (JsonNode element : list) {
      if (keep.test(element)) {
        result.add(element.deepCopy());
      }
    }
    return result;
  }
}
