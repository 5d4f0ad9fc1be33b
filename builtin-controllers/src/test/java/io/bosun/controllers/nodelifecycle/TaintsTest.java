package io.bosun.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintsTest {
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

  static Node node(String ready, List<Taint> taints, String... trueConditions) {
    NodeBuilder node =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n")
            .endMetadata()
            .withNewSpec()
            .withTaints(taints)
            .endSpec()
            .withNewStatus()
            .endStatus();
    if (ready != null) {
      node.editStatus()
          .addToConditions(new NodeConditionBuilder().withType("Ready").withStatus(ready).build())
          .endStatus();
    }
    for (String type : trueConditions) {
      node.editStatus()
          .addToConditions(new NodeConditionBuilder().withType(type).withStatus("True").build())
          .endStatus();
    }
    return node.build();
  }

  static Taint taint(String key, String effect, String added) {
    return new TaintBuilder().withKey(key).withEffect(effect).withTimeAdded(added).build();
  }

  @Test
  void readyConditionsAskForTheirTaints() {
    assertThat(Taints.wanted(node("Unknown", List.of())))
        .containsExactly(
            new Taints.Slot(Taints.UNREACHABLE, "NoExecute"),
            new Taints.Slot(Taints.UNREACHABLE, "NoSchedule"));
    assertThat(Taints.wanted(node("False", List.of())))
        .containsExactly(
            new Taints.Slot(Taints.NOT_READY, "NoExecute"),
            new Taints.Slot(Taints.NOT_READY, "NoSchedule"));
    assertThat(Taints.wanted(node("True", List.of()))).isEmpty();
    assertThat(Taints.wanted(node(null, List.of()))).isEmpty();
  }

  @Test
  void pressureAndUnschedulableAskForNoScheduleTaints() {
    Node node = node("True", List.of(), "MemoryPressure", "DiskPressure", "PIDPressure");
    node.getSpec().setUnschedulable(true);

    assertThat(Taints.wanted(node))
        .containsExactlyInAnyOrder(
            new Taints.Slot(Taints.MEMORY_PRESSURE, "NoSchedule"),
            new Taints.Slot(Taints.DISK_PRESSURE, "NoSchedule"),
            new Taints.Slot(Taints.PID_PRESSURE, "NoSchedule"),
            new Taints.Slot(Taints.UNSCHEDULABLE, "NoSchedule"));
  }

  @Test
  void anUnreachableNodeSwapsNotReadyForUnreachableAndKeepsItsOtherTaints() {
    Taint users = taint("dedicated", "NoExecute", null);
    Taint notReady = taint(Taints.NOT_READY, "NoExecute", "2026-01-01T00:00:00Z");
    Node node = node("Unknown", List.of(users, notReady));

    assertThat(Taints.reconciled(node, NOW))
        .containsExactly(
            users,
            taint(Taints.UNREACHABLE, "NoExecute", "2026-01-02T03:04:05Z"),
            taint(Taints.UNREACHABLE, "NoSchedule", "2026-01-02T03:04:05Z"));
  }

  @Test
  void taintsStillWantedKeepTheirTimeAddedAndAHealthyNodeLosesThem() {
    Taint unreachable = taint(Taints.UNREACHABLE, "NoExecute", "2026-01-01T00:00:00Z");
    Taint unreachableNoSchedule = taint(Taints.UNREACHABLE, "NoSchedule", "2026-01-01T00:00:00Z");
    List<Taint> both = List.of(unreachable, unreachableNoSchedule);

    assertThat(Taints.reconciled(node("Unknown", both), NOW)).isEqualTo(both);
    assertThat(Taints.reconciled(node("True", both), NOW)).isEmpty();
  }

  @Test
  void noExecuteTaintsAreThoseOfThatEffect() {
    Taint noSchedule = taint(Taints.UNREACHABLE, "NoSchedule", null);
    Taint noExecute = taint(Taints.UNREACHABLE, "NoExecute", null);

    assertThat(Taints.noExecute(node("Unknown", List.of(noSchedule, noExecute))))
        .containsExactly(noExecute);
  }
}
