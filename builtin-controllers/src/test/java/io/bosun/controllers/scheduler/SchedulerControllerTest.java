package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.source.ResourceEvent;
import io.bosun.controller.source.ResourceEvent.Origin;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerControllerTest {
  private static final String DEFAULT = SchedulerOptions.DEFAULT_SCHEDULER_NAME;

  @Test
  void takesOnlyUnboundLivePodsThatNameItOrNoScheduler() {
    Pod unnamed = pod("ns", "p", null, Map.of()).build();
    Pod named = new PodBuilder(unnamed).editSpec().withSchedulerName(DEFAULT).endSpec().build();
    Pod other = new PodBuilder(unnamed).editSpec().withSchedulerName("other").endSpec().build();
    Pod bound = new PodBuilder(unnamed).editSpec().withNodeName("n").endSpec().build();
    Pod done = new PodBuilder(unnamed).withNewStatus().withPhase("Failed").endStatus().build();
    Pod deleting =
        new PodBuilder(unnamed)
            .editMetadata()
            .withDeletionTimestamp("2026-01-01T00:00:00Z")
            .endMetadata()
            .build();

    assertThat(SchedulerController.isPending(unnamed, DEFAULT)).isTrue();
    assertThat(SchedulerController.isPending(named, DEFAULT)).isTrue();
    assertThat(SchedulerController.isPending(other, DEFAULT)).isFalse();
    assertThat(SchedulerController.isPending(other, "other")).isTrue();
    assertThat(SchedulerController.isPending(unnamed, "other")).isFalse();
    assertThat(SchedulerController.isPending(bound, DEFAULT)).isFalse();
    assertThat(SchedulerController.isPending(done, DEFAULT)).isFalse();
    assertThat(SchedulerController.isPending(deleting, DEFAULT)).isFalse();
  }

  @Test
  void theStatusItWritesDoesNotBringAPodBackButASpecOrLabelChangeDoes() {
    Pod pod = pod("ns", "p", null, Map.of("app", "web")).build();
    Pod withCondition =
        new PodBuilder(pod)
            .withNewStatus()
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .endCondition()
            .endStatus()
            .build();
    Pod relabelled = new PodBuilder(pod).editMetadata().addToLabels("v", "2").endMetadata().build();
    Pod tolerating =
        new PodBuilder(pod)
            .editSpec()
            .addNewToleration()
            .withOperator("Exists")
            .endToleration()
            .endSpec()
            .build();

    assertThat(SchedulerController.mayNowFit(ResourceEvent.added(pod, Origin.LIVE), DEFAULT))
        .isTrue();
    assertThat(SchedulerController.mayNowFit(ResourceEvent.updated(pod, withCondition), DEFAULT))
        .isFalse();
    assertThat(SchedulerController.mayNowFit(ResourceEvent.updated(pod, relabelled), DEFAULT))
        .isTrue();
    assertThat(SchedulerController.mayNowFit(ResourceEvent.updated(pod, tolerating), DEFAULT))
        .isTrue();
  }

  @Test
  void placedPodsThatComeGoOrChangeLabelsWakeTheWaitingPods() {
    Pod pending = pod("ns", "p", null, Map.of("app", "web")).build();
    Pod placed = new PodBuilder(pending).editSpec().withNodeName("n").endSpec().build();
    Pod heartbeat = new PodBuilder(placed).withNewStatus().withPhase("Running").endStatus().build();
    Pod finished =
        new PodBuilder(placed).withNewStatus().withPhase("Succeeded").endStatus().build();

    assertThat(SchedulerController.changesPlacement(ResourceEvent.added(pending, Origin.LIVE)))
        .isFalse();
    assertThat(SchedulerController.changesPlacement(ResourceEvent.updated(pending, placed)))
        .isTrue();
    assertThat(SchedulerController.changesPlacement(ResourceEvent.updated(placed, heartbeat)))
        .isFalse();
    assertThat(SchedulerController.changesPlacement(ResourceEvent.updated(heartbeat, finished)))
        .isTrue();
    assertThat(SchedulerController.changesPlacement(ResourceEvent.deleted(placed))).isTrue();
  }
}
