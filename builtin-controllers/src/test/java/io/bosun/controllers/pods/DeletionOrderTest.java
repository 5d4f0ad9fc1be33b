package io.bosun.controllers.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeletionOrderTest {

  @Test
  void deletesUnscheduledThenPendingThenNotReadyThenNewestFirst() {
    Pod unscheduled = pod("unscheduled", null, "Pending", false, "2026-01-01T00:00:00Z");
    Pod pending = pod("pending", "n1", "Pending", false, "2026-01-01T00:00:00Z");
    Pod notReady = pod("not-ready", "n1", "Running", false, "2026-01-01T00:00:00Z");
    Pod readyOld = pod("ready-old", "n2", "Running", true, "2026-01-01T00:00:00Z");
    Pod readyNew = pod("ready-new", "n3", "Running", true, "2026-01-02T00:00:00Z");
    List<Pod> all = List.of(readyOld, readyNew, notReady, pending, unscheduled);

    assertThat(DeletionOrder.leastValuable(all, List.of(), 5))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("unscheduled", "pending", "not-ready", "ready-new", "ready-old");
    assertThat(DeletionOrder.leastValuable(all, List.of(), 2))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("unscheduled", "pending");
  }

  @Test
  void prefersPodsDoubledUpOnANodeAndCheaperOnes() {
    Pod alone = pod("alone", "n1", "Running", true, "2026-01-02T00:00:00Z");
    Pod crowdedA = pod("crowded-a", "n2", "Running", true, "2026-01-01T00:00:00Z");
    Pod crowdedB = pod("crowded-b", "n2", "Running", true, "2026-01-01T00:00:00Z");
    List<Pod> all = List.of(alone, crowdedA, crowdedB);
    assertThat(DeletionOrder.leastValuable(all, all, 1).get(0).getMetadata().getName())
        .startsWith("crowded");

    Pod cheap =
        new PodBuilder(pod("cheap", "n1", "Running", true, "2026-01-01T00:00:00Z"))
            .editMetadata()
            .withAnnotations(Map.of(DeletionOrder.DELETION_COST, "-10"))
            .endMetadata()
            .build();
    assertThat(DeletionOrder.leastValuable(List.of(alone, cheap), List.of(), 1))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("cheap");
  }

  static Pod pod(String name, String node, String phase, boolean ready, String created) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(created)
        .endCondition()
        .endStatus()
        .build();
  }
}
