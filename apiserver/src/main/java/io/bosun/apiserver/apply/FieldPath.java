package io.bosun.apiserver.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from an object's root to one of its fields or list items, such as {@code .spec.replicas}
 * or {@code .spec.template.spec.containers[name="web"].image}. Paths order element by element, a
 * path before the paths under it, so the paths under a prefix are contiguous in a sorted set.
 */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

  /** The empty path: the object itself. */
  public static final FieldPath ROOT = new FieldPath(List.of());

  public FieldPath {
    elements = List.copyOf(elements);
  }

  /** A path of field names, such as {@code FieldPath.of("spec", "replicas")}. */
  public static FieldPath of(String... fields) {
    List<PathElement> elements = new ArrayList<>();
    for (String field : fields) {
      elements.add(new PathElement.Field(field));
    }
    return new FieldPath(elements);
  }

  /** This path extended by one element. */
  public FieldPath child(PathElement element) {
    List<PathElement> longer = new ArrayList<>(elements.size() + 1);
    longer.addAll(elements);
    longer.add(element);
    return new FieldPath(longer);
  }

  /** This path extended by a field name. */
  public FieldPath child(String field) {
    return child(new PathElement.Field(field));
  }

  /** The first {@code length} elements of this path. */
  public FieldPath prefix(int length) {
    return new FieldPath(elements.subList(0, length));
  }

  public int size() {
    return elements.size();
  }

  public boolean isRoot() {
    return elements.isEmpty();
  }

  /** Returns whether this path equals {@code prefix} or lies under it. */
  public boolean startsWith(FieldPath prefix) {
    return prefix.size() <= size() && elements.subList(0, prefix.size()).equals(prefix.elements);
  }

  @Override
  public int compareTo(FieldPath other) {
    for (int i = 0; i < Math.min(size(), other.size()); i++) {
      int c = elements.get(i).compareTo(other.elements.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(size(), other.size());
  }

  /** Kubernetes' text form, as conflict messages print it: {@code .spec.ports[port=80]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    elements.forEach(text::append);
    return text.toString();
  }
}
