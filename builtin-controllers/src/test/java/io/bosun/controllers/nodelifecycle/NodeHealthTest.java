package io.bosun.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:00Z");

  static NodeCondition condition(String type, String status, String heartbeat) {
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason("Kubelet")
        .withLastHeartbeatTime(heartbeat)
        .withLastTransitionTime("2026-01-01T00:00:00Z")
        .build();
  }

  static Node node(NodeCondition... conditions) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName("n")
        .withCreationTimestamp("2025-12-31T00:00:00Z")
        .endMetadata()
        .withNewStatus()
        .withConditions(conditions)
        .endStatus()
        .build();
  }

  static Optional<Lease> lease(Instant renewed) {
    return Optional.of(
        new LeaseBuilder()
            .withNewSpec()
            .withRenewTime(ZonedDateTime.ofInstant(renewed, ZoneOffset.UTC))
            .endSpec()
            .build());
  }

  @Test
  void aNodeCountsAsAliveFromWhenItsLeaseOrHeartbeatLastMoved() {
    NodeHealth health = new NodeHealth();
    Node node = node(condition("Ready", "True", "2026-01-02T03:00:00Z"));

    assertThat(health.lastProbe(node, lease(T0), T0)).as("new to the controller").isEqualTo(T0);
    assertThat(health.lastProbe(node, lease(T0), T0.plusSeconds(30))).isEqualTo(T0);
    assertThat(health.lastProbe(node, lease(T0.plusSeconds(31)), T0.plusSeconds(32)))
        .as("a renewed lease")
        .isEqualTo(T0.plusSeconds(32));
    Node posted = node(condition("Ready", "True", "2026-01-02T03:05:00Z"));
    assertThat(health.lastProbe(posted, lease(T0.plusSeconds(31)), T0.plusSeconds(50)))
        .as("a new Ready heartbeat")
        .isEqualTo(T0.plusSeconds(50));
    assertThat(health.lastProbe(posted, lease(T0), T0.plusSeconds(60)))
        .as("an older renewTime is no sign of life")
        .isEqualTo(T0.plusSeconds(50));

    health.forget("n");
    assertThat(health.lastProbe(posted, lease(T0), T0.plusSeconds(70)))
        .isEqualTo(T0.plusSeconds(70));
  }

  @Test
  void aSilentKubeletsConditionsBecomeUnknownAndOthersStay() {
    Node node =
        node(
            condition("NetworkUnavailable", "False", "2026-01-02T03:00:00Z"),
            condition("Ready", "True", "2026-01-02T03:00:00Z"),
            condition("MemoryPressure", "False", "2026-01-02T03:00:00Z"));

    List<NodeCondition> unknown = NodeHealth.unknown(node, T0.plusMillis(700)).orElseThrow();

    assertThat(unknown)
        .extracting(NodeCondition::getType, NodeCondition::getStatus, NodeCondition::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("NetworkUnavailable", "False", "Kubelet"),
            org.assertj.core.groups.Tuple.tuple("Ready", "Unknown", "NodeStatusUnknown"),
            org.assertj.core.groups.Tuple.tuple("MemoryPressure", "Unknown", "NodeStatusUnknown"),
            org.assertj.core.groups.Tuple.tuple(
                "DiskPressure", "Unknown", "NodeStatusNeverUpdated"),
            org.assertj.core.groups.Tuple.tuple(
                "PIDPressure", "Unknown", "NodeStatusNeverUpdated"));
    NodeCondition ready = unknown.get(1);
    assertThat(ready.getMessage()).isEqualTo("Kubelet stopped posting node status.");
    assertThat(ready.getLastHeartbeatTime()).isEqualTo("2026-01-02T03:00:00Z");
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-02T03:04:00Z");
    assertThat(unknown.get(3).getMessage()).isEqualTo("Kubelet never posted node status.");
    assertThat(unknown.get(3).getLastHeartbeatTime()).isEqualTo("2025-12-31T00:00:00Z");

    assertThat(NodeHealth.unknown(node(unknown.toArray(NodeCondition[]::new)), T0.plusSeconds(9)))
        .as("nothing left to change")
        .isEmpty();
  }
}
