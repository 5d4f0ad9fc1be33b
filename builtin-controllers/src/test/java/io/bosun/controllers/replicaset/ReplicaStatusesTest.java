package io.bosun.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.ForbiddenException;
import io.bosun.controllers.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaStatusesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
  private final ReplicaSetKind kind = new ReplicaSetKind();

  @Test
  void countsFullyLabeledReadyAndAvailablePods() {
    ReplicaSet rs =
        new ReplicaSetBuilder(Workloads.replicaSet("ns", "web", 3))
            .editMetadata()
            .withGeneration(4L)
            .endMetadata()
            .editSpec()
            .withMinReadySeconds(30)
            .editTemplate()
            .editMetadata()
            .addToLabels("tier", "front")
            .endMetadata()
            .endTemplate()
            .endSpec()
            .build();
    List<Pod> pods =
        List.of(
            pod(Map.of("app", "web", "tier", "front"), "2026-01-01T00:00:00Z"),
            pod(Map.of("app", "web"), "2026-01-01T00:00:45Z"),
            pod(Map.of("app", "web"), null));

    ReplicaStatus status = ReplicaStatuses.compute(kind, rs, pods, null, NOW);

    assertThat(status).isEqualTo(new ReplicaStatus(3, 1, 2, 1, 4, List.of()));
    assertThat(status.toPatch().get("status"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("replicas", 3)
        .containsEntry("conditions", null);
  }

  @Test
  void setsReplicaFailureOnAFailedCreateAndClearsItAfterwards() {
    ReplicaSet rs = Workloads.replicaSet("ns", "web", 3);
    ForbiddenException quota =
        new ForbiddenException(
            new StatusBuilder().withCode(403).withMessage("exceeded quota: pods=2").build());

    ReplicaStatus failing = ReplicaStatuses.compute(kind, rs, List.of(), quota, NOW);
    ReplicaStatus.Condition condition =
        failing.condition(ReplicaStatus.REPLICA_FAILURE).orElseThrow();
    assertThat(condition.status()).isEqualTo("True");
    assertThat(condition.reason()).isEqualTo("FailedCreate");
    assertThat(condition.message()).isEqualTo("exceeded quota: pods=2");

    ReplicaSet withCondition =
        new ReplicaSetBuilder(rs)
            .withNewStatus()
            .addNewCondition()
            .withType("ReplicaFailure")
            .withStatus("True")
            .withReason("FailedCreate")
            .endCondition()
            .endStatus()
            .build();
    assertThat(ReplicaStatuses.compute(kind, withCondition, List.of(), null, NOW).conditions())
        .isEmpty();
  }

  private static Pod pod(Map<String, String> labels, String readySince) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withLabels(labels).endMetadata();
    if (readySince != null) {
      pod.withNewStatus()
          .withPhase("Running")
          .addNewCondition()
          .withType("Ready")
          .withStatus("True")
          .withLastTransitionTime(readySince)
          .endCondition()
          .endStatus();
    }
    return pod.build();
  }
}
