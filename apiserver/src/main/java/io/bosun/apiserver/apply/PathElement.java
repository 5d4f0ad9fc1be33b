package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One step of a {@link FieldPath}, as Kubernetes' field paths have them: a field of an object, an
 * item of a map-type list by its key fields, an item of a set by its value, or (for lists without
 * keys) an item by its index. Elements have a total order: fields, then keys, values, indexes.
 */
public sealed interface PathElement extends Comparable<PathElement> {

  /** A field of an object, or a key of a map. */
  record Field(String name) implements PathElement {
    public Field {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return "." + name;
    }
  }

  /** An item of a map-type list, named by its key fields sorted by name. */
  record Key(List<KeyField> fields) implements PathElement {
    public Key {
      fields =
          fields.stream()
              .map(f -> new KeyField(f.name(), Values.canonical(f.value())))
              .sorted(Comparator.comparing(KeyField::name))
              .toList();
    }

    @Override
    public String toString() {
      return fields.stream()
          .map(f -> f.name() + "=" + Values.print(f.value()))
          .collect(Collectors.joining(",", "[", "]"));
    }
  }

  /** An item of a set, named by its value. */
  record Value(JsonNode value) implements PathElement {
    public Value {
      value = Values.canonical(Objects.requireNonNull(value, "value"));
    }

    @Override
    public String toString() {
      return "[=" + Values.print(value) + "]";
    }
  }

  /** An item of a list by its position. */
  record Index(int index) implements PathElement {
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  /** One key field of a {@link Key}. */
  record KeyField(String name, JsonNode value) {}

  @Override
  default int compareTo(PathElement other) {
    int byKind = Integer.compare(rank(this), rank(other));
    if (byKind != 0) {
      return byKind;
    }
    if (this instanceof Field a && other instanceof Field b) {
      return a.name().compareTo(b.name());
    }
    if (this instanceof Value a && other instanceof Value b) {
      return Values.compare(a.value(), b.value());
    }
    if (this instanceof Index a && other instanceof Index b) {
      return Integer.compare(a.index(), b.index());
    }
    List<KeyField> a = ((Key) this).fields();
    List<KeyField> b = ((Key) other).fields();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).name().compareTo(b.get(i).name());
      if (c == 0) {
        c = Values.compare(a.get(i).value(), b.get(i).value());
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int rank(PathElement element) {
    if (element instanceof Field) {
      return 0;
    }
    if (element instanceof Key) {
      return 1;
    }
    return element instanceof Value ? 2 : 3;
  }
}
