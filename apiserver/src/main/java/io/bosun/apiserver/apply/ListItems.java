package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.apply.MergeType.ListKind;
import io.bosun.apiserver.apply.MergeType.ListOf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the items of a set or map-type list: a set item by its value, a map item by its key fields
 * (a missing key takes the schema's default, as Kubernetes does).
 */
final class ListItems {
  private ListItems() {}

  /**
   * The path elements of the items of a granular list, in order.
   *
   * @throws InvalidObjectException if an item cannot be named or two items have the same name
   */
  static List<PathElement> elements(ListOf list, JsonNode array, FieldPath path) {
    List<PathElement> elements = new ArrayList<>(array.size());
    Set<PathElement> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      PathElement element = element(list, array.get(i), path, i);
      if (!seen.add(element)) {
        throw new InvalidObjectException(path + ": duplicate entries for key " + element);
      }
      elements.add(element);
    }
    return elements;
  }

  /**
   * The path elements of a stored list, or null when they cannot be named (duplicates, missing
   * keys): such a list is then handled whole, as an atomic value.
   */
  static List<PathElement> elementsOrNull(ListOf list, JsonNode array, FieldPath path) {
    try {
      return elements(list, array, path);
    } catch (InvalidObjectException e) {
      return null;
    }
  }

  private static PathElement element(ListOf list, JsonNode item, FieldPath path, int index) {
    if (list.kind() == ListKind.SET) {
      if (item.isContainerNode()) {
        throw new InvalidObjectException(
            path
                + ": element "
                + index
                + ": associative list without keys has an element that's"
                + " a "
                + (item.isObject() ? "map" : "list")
                + " type");
      }
      return new PathElement.Value(item);
    }
    if (!item.isObject()) {
      throw new InvalidObjectException(
          path
              + ": element "
              + index
              + ": associative list with keys has an element that is not"
              + " a map type");
    }
    List<PathElement.KeyField> fields = new ArrayList<>();
    for (String key : list.keys()) {
      JsonNode value = item.get(key);
      if (value == null || value.isNull()) {
        value = list.keyDefault(key);
      }
      if (value == null) {
        throw new InvalidObjectException(
            path
                + ": element "
                + index
                + ": associative list with keys has an element that"
                + " omits key field \""
                + key
                + "\" (and doesn't have default value)");
      }
      fields.add(new PathElement.KeyField(key, value));
    }
    return new PathElement.Key(fields);
  }
}
