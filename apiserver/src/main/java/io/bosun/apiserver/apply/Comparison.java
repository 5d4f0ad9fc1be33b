package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.apply.MergeType.ListOf;
import io.bosun.apiserver.apply.MergeType.Struct;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed from one version of an object to the next: the fields added, modified and removed.
 * Leaves (scalars, atomic values) are added, modified or removed; granular objects and list items
 * are added or removed as a whole besides their contents.
 *
 * @param added fields present only in the new version
 * @param modified leaves present in both with different values
 * @param removed fields present only in the old version
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

  /** Compares {@code before} with {@code after} (either may be null for "no object"). */
  static Comparison of(MergeType type, JsonNode before, JsonNode after) {
    Walk walk = new Walk();
    walk.compare(type, before, after, FieldPath.ROOT);
    return new Comparison(walk.added.build(), walk.modified.build(), walk.removed.build());
  }

  /** The fields added or modified: what a writer takes from other managers. */
  FieldSet changed() {
    return added.union(modified);
  }

  /** This comparison restricted to the fields {@code keep} accepts. */
  Comparison filter(FieldFilter keep) {
    return new Comparison(keep.apply(added), keep.apply(modified), keep.apply(removed));
  }

  private static final class Walk {
    final FieldSet.Builder added = new FieldSet.Builder();
    final FieldSet.Builder modified = new FieldSet.Builder();
    final FieldSet.Builder removed = new FieldSet.Builder();

    void compare(MergeType type, JsonNode before, JsonNode after, FieldPath path) {
      MergeType resolved = type.resolve(after != null ? after : before);
      boolean bothEmpty = empty(before) && empty(after);
      if (!bothEmpty
          && resolved instanceof Struct struct
          && struct.granular()
          && objectOrAbsent(before)
          && objectOrAbsent(after)) {
        Set<String> keys = new LinkedHashSet<>();
        if (before != null) {
          before.fieldNames().forEachRemaining(keys::add);
        }
        if (after != null) {
          after.fieldNames().forEachRemaining(keys::add);
        }
        for (String key : keys) {
          compare(struct.field(key), get(before, key), get(after, key), path.child(key));
        }
        container(before, after, path);
        return;
      }
      if (!bothEmpty && resolved instanceof ListOf list && list.granular()) {
        Map<PathElement, JsonNode> beforeItems = items(list, before, path);
        Map<PathElement, JsonNode> afterItems = items(list, after, path);
        if (beforeItems != null && afterItems != null) {
          Set<PathElement> elements = new LinkedHashSet<>(beforeItems.keySet());
          elements.addAll(afterItems.keySet());
          for (PathElement element : elements) {
            compare(
                list.items(),
                beforeItems.get(element),
                afterItems.get(element),
                path.child(element));
          }
          container(before, after, path);
          return;
        }
      }
      if (before == null) {
        added.add(path);
      } else if (after == null) {
        removed.add(path);
      } else if (!Values.equal(before, after)) {
        modified.add(path);
      }
    }

    private void container(JsonNode before, JsonNode after, FieldPath path) {
      if (path.isRoot()) {
        return;
      }
      if (before == null) {
        added.add(path);
      } else if (after == null) {
        removed.add(path);
      }
    }

    /** The items of a list by name, or null if the value is not a list whose items can be named. */
    private static Map<PathElement, JsonNode> items(ListOf list, JsonNode value, FieldPath path) {
      Map<PathElement, JsonNode> items = new LinkedHashMap<>();
      if (value == null) {
        return items;
      }
      if (!value.isArray()) {
        return null;
      }
      List<PathElement> elements = ListItems.elementsOrNull(list, value, path);
      if (elements == null) {
        return null;
      }
      for (int i = 0; i < elements.size(); i++) {
        items.put(elements.get(i), value.get(i));
      }
      return items;
    }

    private static JsonNode get(JsonNode object, String key) {
      return object == null ? null : object.get(key);
    }

    private static boolean objectOrAbsent(JsonNode value) {
      return value == null || value.isObject();
    }

    private static boolean empty(JsonNode value) {
      return value == null || Values.emptyContainer(value);
    }
  }
}
