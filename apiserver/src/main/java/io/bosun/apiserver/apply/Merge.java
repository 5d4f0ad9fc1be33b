package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.apply.MergeType.ListOf;
import io.bosun.apiserver.apply.MergeType.Struct;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges an applied configuration into a live object: the configuration wins at every leaf and
 * atomic value, granular objects merge key by key and sets and map-type lists item by item. The
 * inputs are not modified; the result may share their nodes.
 */
final class Merge {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Merge() {}

  /** The live value with the configuration merged in; either may be null (absent). */
  static JsonNode merge(MergeType type, JsonNode live, JsonNode config, FieldPath path) {
    if (config == null) {
      return live;
    }
    if (live == null) {
      return config;
    }
    MergeType resolved = type.resolve(config);
    if (resolved instanceof Struct struct
        && struct.granular()
        && live.isObject()
        && config.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = live.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        out.set(key, merge(struct.field(key), field.getValue(), config.get(key), path.child(key)));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!live.has(field.getKey())) {
          out.set(field.getKey(), field.getValue());
        }
      }
      return out;
    }
    if (resolved instanceof ListOf list && list.granular() && live.isArray() && config.isArray()) {
      List<PathElement> liveElements = ListItems.elementsOrNull(list, live, path);
      if (liveElements != null) {
        return mergeItems(
            list, live, liveElements, config, ListItems.elements(list, config, path), path);
      }
    }
    return config;
  }

  /**
   * Merges two lists item by item, keeping the live order for live items and the configuration's
   * order for the items it names: live-only items stay where they are, an item both name is emitted
   * at its turn in the configuration's order.
   */
  private static ArrayNode mergeItems(
      ListOf list,
      JsonNode live,
      List<PathElement> liveElements,
      JsonNode config,
      List<PathElement> configElements,
      FieldPath path) {
    Map<PathElement, JsonNode> liveItems = new HashMap<>();
    for (int i = 0; i < liveElements.size(); i++) {
      liveItems.put(liveElements.get(i), live.get(i));
    }
    Set<PathElement> inConfig = new HashSet<>(configElements);
    Deque<PathElement> sharedOrder = new ArrayDeque<>();
    for (PathElement element : configElements) {
      if (liveItems.containsKey(element)) {
        sharedOrder.add(element);
      }
    }
    Set<PathElement> emitted = new HashSet<>();
    ArrayNode out = NODES.arrayNode();
    int l = 0;
    int c = 0;
    while (l < liveElements.size() || c < configElements.size()) {
      PathElement liveHead = l < liveElements.size() ? liveElements.get(l) : null;
      PathElement configHead = c < configElements.size() ? configElements.get(c) : null;
      if (liveHead != null && liveHead.equals(configHead)) {
        out.add(merge(list.items(), live.get(l), config.get(c), path.child(liveHead)));
        emitted.add(liveHead);
        sharedOrder.remove(liveHead);
        l++;
        c++;
      } else if (liveHead != null && !inConfig.contains(liveHead)) {
        out.add(live.get(l));
        l++;
      } else if (liveHead != null
          && (emitted.contains(liveHead)
              || (!sharedOrder.isEmpty() && !sharedOrder.peek().equals(liveHead)))) {
        // A shared item whose turn has passed or not yet come: the configuration places it.
        l++;
      } else if (configHead != null) {
        out.add(
            merge(list.items(), liveItems.get(configHead), config.get(c), path.child(configHead)));
        emitted.add(configHead);
        sharedOrder.remove(configHead);
        c++;
      } else {
        l++;
      }
    }
    return out;
  }
}
