package io.bosun.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controllers.Workloads;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionsTest {

  @Test
  void aReplicaSetBroughtBackKeepsItsOldRevisionInTheHistory() {
    Deployment d =
        new DeploymentBuilder(Workloads.deployment("ns", "web", 3, "app:1"))
            .editMetadata()
            .withAnnotations(
                Map.of(
                    "kubernetes.io/change-cause",
                    "rollback",
                    Revisions.REVISION,
                    "9",
                    "kubectl.kubernetes.io/last-applied-configuration",
                    "{}"))
            .endMetadata()
            .build();
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName("web-abc")
            .withAnnotations(Map.of(Revisions.REVISION, "1", Revisions.REVISION_HISTORY, "0"))
            .endMetadata()
            .build();

    assertThat(Revisions.setNewReplicaSetAnnotations(d, rs, 3, true)).isTrue();

    assertThat(rs.getMetadata().getAnnotations())
        .containsEntry(Revisions.REVISION, "3")
        .containsEntry(Revisions.REVISION_HISTORY, "0,1")
        .containsEntry("kubernetes.io/change-cause", "rollback")
        .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration")
        .doesNotContainKey(Revisions.DESIRED_REPLICAS);
    assertThat(Revisions.setNewReplicaSetAnnotations(d, rs, 3, true)).isFalse();
  }

  @Test
  void aNewReplicaSetGetsItsReplicaAnnotations() {
    Deployment d = FencepostsTest.rolling(4, "50%", "0%");
    ReplicaSet rs =
        new ReplicaSetBuilder().withNewMetadata().withName("web-x").endMetadata().build();
    Revisions.setNewReplicaSetAnnotations(d, rs, 1, false);
    assertThat(rs.getMetadata().getAnnotations())
        .containsEntry(Revisions.REVISION, "1")
        .containsEntry(Revisions.DESIRED_REPLICAS, "4")
        .containsEntry(Revisions.MAX_REPLICAS, "6");
  }
}
