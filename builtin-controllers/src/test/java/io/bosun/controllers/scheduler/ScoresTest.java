package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.Fixtures.info;
import static io.bosun.controllers.scheduler.Fixtures.node;
import static io.bosun.controllers.scheduler.Fixtures.pod;
import static io.bosun.controllers.scheduler.Fixtures.requesting;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoresTest {

  @Test
  void leastAllocatedAndBalancedScoresReadTheShareInUseWithThePodThere() {
    Pod pod = requesting(pod("ns", "p", "1", Map.of()), "memory", "1Gi").build();
    NodeInfo node = info(node("n", "4", "4Gi", Map.of()).build());

    // cpu 1/4 used, memory 1/4 used: 75 free on average, perfectly balanced.
    assertThat(Scores.leastAllocated(pod, node)).isEqualTo(75);
    assertThat(Scores.balancedAllocation(pod, node)).isEqualTo(100);
    NodeInfo memoryHeavy = info(node("m", "4", "16Gi", Map.of()).build());
    // cpu 1/4, memory 1/16: shares 0.25 and 0.0625, deviation 0.09375.
    assertThat(Scores.balancedAllocation(pod, memoryHeavy)).isEqualTo(90);
  }

  @Test
  void spreadsThePodsOfOneControllerBeforeFillingTheRoomiestNode() {
    Node big = node("big", "64", "64Gi", Map.of()).build();
    Node small = node("small", "4", "4Gi", Map.of()).build();
    Pod replica = owned(pod("ns", "r-1", "100m", Map.of()).build());
    Pod next = owned(pod("ns", "r-2", "100m", Map.of()).build());

    assertThat(Scores.best(next, List.of(info(big), info(small)), Map.of()).name())
        .isEqualTo("big");
    assertThat(Scores.best(next, List.of(info(big, replica), info(small)), Map.of()).name())
        .isEqualTo("small");
    Pod loner = pod("ns", "l", "100m", Map.of()).build();
    assertThat(Scores.best(loner, List.of(info(big, owned(replica)), info(small)), Map.of()).name())
        .isEqualTo("big");
  }

  @Test
  void preferredNodeAffinityAndPodAffinityOutweighLoad() {
    Node roomy = node("a-roomy", "64", "64Gi", Map.of()).build();
    Node preferred = node("b-preferred", "4", "4Gi", Map.of("fast", "yes")).build();
    Pod pod =
        pod("ns", "p", null, Map.of())
            .editSpec()
            .withNewAffinity()
            .withNewNodeAffinity()
            .addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(1)
            .withNewPreference()
            .addNewMatchExpression()
            .withKey("fast")
            .withOperator("Exists")
            .endMatchExpression()
            .endPreference()
            .endPreferredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .endAffinity()
            .endSpec()
            .build();
    List<NodeInfo> nodes = List.of(info(roomy), info(preferred));

    assertThat(Scores.best(pod, nodes, Map.of()).name()).isEqualTo("b-preferred");
    Pod plain = pod("ns", "q", null, Map.of()).build();
    assertThat(Scores.best(plain, nodes, Map.of()).name()).isEqualTo("a-roomy");
    assertThat(Scores.best(plain, nodes, Map.of("a-roomy", -5L, "b-preferred", 3L)).name())
        .isEqualTo("b-preferred");
  }

  @Test
  void avoidsUntoleratedPreferNoScheduleTaints() {
    Node tainted =
        node("a", "8", "8Gi", Map.of())
            .editSpec()
            .addNewTaint()
            .withKey("spot")
            .withEffect("PreferNoSchedule")
            .endTaint()
            .endSpec()
            .build();
    Node clean = node("b", "8", "8Gi", Map.of()).build();

    assertThat(
            Scores.best(
                    pod("ns", "p", null, Map.of()).build(),
                    List.of(info(tainted), info(clean)),
                    Map.of())
                .name())
        .isEqualTo("b");
  }

  private static Pod owned(Pod pod) {
    pod.getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("ReplicaSet")
                    .withName("web")
                    .withUid("uid-web")
                    .withController(true)
                    .build()));
    return pod;
  }
}
