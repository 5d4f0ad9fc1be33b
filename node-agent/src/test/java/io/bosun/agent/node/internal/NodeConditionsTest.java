package io.bosun.agent.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeConditionsTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T00:00:10Z");

  @Test
  void reportsTheKubeletsConditionsInItsOrder() {
    List<NodeCondition> conditions =
        NodeConditions.of(new NodeConditions.Pressure(false, true, false), null, T0);

    assertThat(conditions)
        .extracting(NodeCondition::getType, NodeCondition::getStatus, NodeCondition::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "MemoryPressure", "False", "KubeletHasSufficientMemory"),
            org.assertj.core.groups.Tuple.tuple("DiskPressure", "True", "KubeletHasDiskPressure"),
            org.assertj.core.groups.Tuple.tuple("PIDPressure", "False", "KubeletHasSufficientPID"),
            org.assertj.core.groups.Tuple.tuple("Ready", "True", "KubeletReady"));
    assertThat(conditions.get(3).getMessage()).isEqualTo("kubelet is posting ready status");
  }

  @Test
  void aTransitionTimeMovesOnlyWhenTheStatusChanges() {
    List<NodeCondition> before =
        NodeConditions.of(new NodeConditions.Pressure(false, false, false), null, T0);
    List<NodeCondition> after =
        NodeConditions.of(new NodeConditions.Pressure(true, false, false), before, T1);

    assertThat(after.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:10Z");
    assertThat(after.get(1).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(after.get(1).getLastHeartbeatTime()).isEqualTo("2026-01-01T00:00:10Z");
    assertThat(NodeConditions.sameStatuses(before, after)).isFalse();
    assertThat(
            NodeConditions.sameStatuses(
                before,
                NodeConditions.of(new NodeConditions.Pressure(false, false, false), before, T1)))
        .isTrue();
  }
}
