package io.bosun.apiserver.apply;

import java.util.function.UnaryOperator;

/**
 * Which fields a write may own: a write to the main resource of a kind with a status subresource
 * owns nothing under {@code .status}, a write to {@code /status} owns only what is there (the
 * fields Kubernetes' strategies "reset" for each path).
 */
@FunctionalInterface
public interface FieldFilter extends UnaryOperator<FieldSet> {

  /** Every field. */
  FieldFilter ALL = set -> set;

  /** Every field except those at or under {@code roots}. */
  static FieldFilter excluding(FieldPath... roots) {
    FieldSet excluded = FieldSet.of(roots);
    return set -> set.withoutSubtrees(excluded);
  }

  /** Only the fields at or under {@code roots}. */
  static FieldFilter only(FieldPath... roots) {
    FieldSet kept = FieldSet.of(roots);
    return set -> set.onlySubtrees(kept);
  }
}
