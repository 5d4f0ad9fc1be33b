package io.bosun.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingTest {

  @Test
  void theNewReplicaSetGrowsWithinTheSurge() {
    Deployment d = FencepostsTest.rolling(10, "30%", "0%");
    ReplicaSet old = rs("old", 10, "2026-01-01T00:00:00Z");
    ReplicaSet fresh = rs("new", 0, "2026-01-02T00:00:00Z");
    assertThat(Scaling.newReplicaSetReplicas(d, List.of(old, fresh), fresh)).isEqualTo(3);
    ReplicaSet grown = rs("new", 3, "2026-01-02T00:00:00Z");
    assertThat(Scaling.newReplicaSetReplicas(d, List.of(old, grown), grown)).isEqualTo(3);
    ReplicaSet shrunk = rs("old", 7, "2026-01-01T00:00:00Z");
    assertThat(Scaling.newReplicaSetReplicas(d, List.of(shrunk, grown), grown)).isEqualTo(6);
  }

  @Test
  void theOnlyActiveReplicaSetIsTheOneToScale() {
    ReplicaSet empty = rs("a", 0, "2026-01-01T00:00:00Z");
    ReplicaSet active = rs("b", 2, "2026-01-02T00:00:00Z");
    assertThat(Scaling.activeOrLatest(null, List.of(empty, active))).isSameAs(active);
    assertThat(Scaling.activeOrLatest(null, List.of(empty, rs("c", 0, "2026-01-03T00:00:00Z"))))
        .extracting(rs -> rs.getMetadata().getName())
        .isEqualTo("c");
    assertThat(Scaling.activeOrLatest(active, List.of(rs("d", 1, "2026-01-01T00:00:00Z"))))
        .isNull();
  }

  static ReplicaSet rs(String name, int replicas, String created) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(name)
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .build();
  }
}
