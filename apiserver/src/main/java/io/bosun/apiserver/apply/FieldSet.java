package io.bosun.apiserver.apply;

import java.util.Collection;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An immutable set of {@link FieldPath}s: the fields one manager owns, or what changed between two
 * objects. Set operations work on exact paths ({@code .spec} and {@code .spec.replicas} are two
 * members); {@link #withoutSubtrees} and {@link #onlySubtrees} work on whole subtrees.
 */
public final class FieldSet {
  private static final FieldSet EMPTY = new FieldSet(new TreeSet<>());

  private final NavigableSet<FieldPath> paths;

  private FieldSet(TreeSet<FieldPath> paths) {
    this.paths = Collections.unmodifiableNavigableSet(paths);
  }

  public static FieldSet empty() {
    return EMPTY;
  }

  public static FieldSet of(FieldPath... paths) {
    return of(java.util.List.of(paths));
  }

  public static FieldSet of(Collection<FieldPath> paths) {
    return paths.isEmpty() ? EMPTY : new FieldSet(new TreeSet<>(paths));
  }

  /** The paths, in order. */
  public NavigableSet<FieldPath> paths() {
    return paths;
  }

  public boolean has(FieldPath path) {
    return paths.contains(path);
  }

  public boolean isEmpty() {
    return paths.isEmpty();
  }

  public int size() {
    return paths.size();
  }

  /** Returns whether some member lies strictly under {@code prefix}. */
  public boolean hasPathsUnder(FieldPath prefix) {
    FieldPath next = paths.higher(prefix);
    return next != null && next.startsWith(prefix);
  }

  public FieldSet union(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    TreeSet<FieldPath> result = new TreeSet<>(paths);
    result.addAll(other.paths);
    return new FieldSet(result);
  }

  public FieldSet difference(FieldSet other) {
    return filter(p -> !other.has(p));
  }

  public FieldSet intersection(FieldSet other) {
    return filter(other::has);
  }

  /** The members that neither equal nor lie under a member of {@code roots}. */
  public FieldSet withoutSubtrees(FieldSet roots) {
    return roots.isEmpty() ? this : filter(p -> !roots.coversPath(p));
  }

  /** The members that equal or lie under a member of {@code roots}. */
  public FieldSet onlySubtrees(FieldSet roots) {
    return filter(roots::coversPath);
  }

  /** The members that {@code keep} accepts. */
  public FieldSet filter(Predicate<FieldPath> keep) {
    TreeSet<FieldPath> result = new TreeSet<>();
    for (FieldPath path : paths) {
      if (keep.test(path)) {
        result.add(path);
      }
    }
    return result.size() == paths.size() ? this : of(result);
  }

  /** Returns whether {@code path} or one of its prefixes is a member. */
  private boolean coversPath(FieldPath path) {
    for (int length = 0; length <= path.size(); length++) {
      if (paths.contains(path.prefix(length))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet other && paths.equals(other.paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode();
  }

  @Override
  public String toString() {
    return paths.toString();
  }

  /** Collects paths into a set. */
  public static final class Builder {
    private final TreeSet<FieldPath> paths = new TreeSet<>();

    public Builder add(FieldPath path) {
      paths.add(path);
      return this;
    }

    public Builder addAll(FieldSet set) {
      paths.addAll(set.paths);
      return this;
    }

    public FieldSet build() {
      return of(paths);
    }
  }
}
