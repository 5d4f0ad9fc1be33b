package io.bosun.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldSetTest {
  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final FieldPath REPLICAS = FieldPath.of("spec", "replicas");
  private static final FieldPath PAUSED = FieldPath.of("spec", "paused");
  private static final FieldPath DATA = FieldPath.of("data");
  private static final FieldPath STATUS_READY = FieldPath.of("status", "ready");

  @Test
  void unionDifferenceAndIntersectionWorkOnExactPaths() {
    FieldSet a = FieldSet.of(SPEC, REPLICAS, DATA);
    FieldSet b = FieldSet.of(REPLICAS, PAUSED);

    assertThat(a.union(b)).isEqualTo(FieldSet.of(SPEC, REPLICAS, PAUSED, DATA));
    assertThat(a.difference(b)).isEqualTo(FieldSet.of(SPEC, DATA));
    assertThat(a.intersection(b)).isEqualTo(FieldSet.of(REPLICAS));
    // .spec as a member says nothing about what is under it.
    assertThat(FieldSet.of(REPLICAS).difference(FieldSet.of(SPEC)))
        .isEqualTo(FieldSet.of(REPLICAS));
  }

  @Test
  void subtreeOperationsTakeWholeSubtrees() {
    FieldSet set = FieldSet.of(SPEC, REPLICAS, PAUSED, DATA, STATUS_READY);

    assertThat(set.withoutSubtrees(FieldSet.of(SPEC))).isEqualTo(FieldSet.of(DATA, STATUS_READY));
    assertThat(set.onlySubtrees(FieldSet.of(FieldPath.of("status"))))
        .isEqualTo(FieldSet.of(STATUS_READY));
  }

  @Test
  void findsPathsUnderAPrefixButNotThePrefixItself() {
    FieldSet set = FieldSet.of(SPEC, DATA);

    assertThat(set.hasPathsUnder(SPEC)).isFalse();
    assertThat(set.union(FieldSet.of(REPLICAS)).hasPathsUnder(SPEC)).isTrue();
    assertThat(FieldSet.of(FieldPath.of("specs")).hasPathsUnder(SPEC)).isFalse();
    assertThat(set.hasPathsUnder(FieldPath.ROOT)).isTrue();
  }

  @Test
  void ordersAPathBeforeThePathsUnderIt() {
    FieldSet set = FieldSet.of(PAUSED, DATA, REPLICAS, SPEC);

    assertThat(set.paths()).containsExactly(DATA, SPEC, PAUSED, REPLICAS);
  }

  @Test
  void printsPathsAsKubernetesDoes() {
    assertThat(REPLICAS.toString()).isEqualTo(".spec.replicas");
    assertThat(FieldPath.ROOT.toString()).isEmpty();
    assertThat(
            FieldPath.of("spec", "finalizers")
                .child(new PathElement.Value(TestTypes.json("'a'")))
                .toString())
        .isEqualTo(".spec.finalizers[=\"a\"]");
  }
}
