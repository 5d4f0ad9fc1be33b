package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.SchedulerPods.boundNode;
import static io.bosun.controllers.scheduler.SchedulerPods.failedScheduling;
import static io.bosun.controllers.scheduler.SchedulerPods.unschedulable;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.EventHandler;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTermBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The scheduler against a real apiserver, with Node objects registered as a kubelet would. */
@BosunTest
class SchedulerIT {

  @Test
  void bindsAPodToTheNodeWithRoomForItsRequests(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      cluster.nodes.create(cluster.nodes.node("small", "1", "1Gi"));
      cluster.nodes.create(cluster.nodes.node("large", "4", "8Gi"));

      cluster.create(cluster.pod("needs-two", "2"));

      assertThat(boundNode(client, ns, "needs-two")).isEqualTo(cluster.nodes.name("large"));
    }
  }

  @Test
  void bindsAPodOnlyToANodeMatchingItsSelectorAndRequiredAffinity(
      KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      TestNodes nodes = cluster.nodes;
      nodes.create(
          nodes.node("a-hdd", "4", "8Gi").editMetadata().addToLabels("disk", "hdd").endMetadata());
      nodes.create(
          nodes
              .node("b-ssd-old", "4", "8Gi")
              .editMetadata()
              .addToLabels(Map.of("disk", "ssd", "generation", "2"))
              .endMetadata());
      nodes.create(
          nodes
              .node("c-ssd-new", "4", "8Gi")
              .editMetadata()
              .addToLabels(Map.of("disk", "ssd", "generation", "5"))
              .endMetadata());

      cluster.create(
          cluster.pod("selected", null).editSpec().addToNodeSelector("disk", "hdd").endSpec());
      cluster.create(
          cluster
              .pod("affine", null)
              .editSpec()
              .withNewAffinity()
              .withNewNodeAffinity()
              .withNewRequiredDuringSchedulingIgnoredDuringExecution()
              .addNewNodeSelectorTerm()
              .withMatchExpressions(
                  new NodeSelectorRequirementBuilder()
                      .withKey("disk")
                      .withOperator("In")
                      .withValues("ssd")
                      .build(),
                  new NodeSelectorRequirementBuilder()
                      .withKey("generation")
                      .withOperator("Gt")
                      .withValues("3")
                      .build())
              .endNodeSelectorTerm()
              .endRequiredDuringSchedulingIgnoredDuringExecution()
              .endNodeAffinity()
              .endAffinity()
              .endSpec());

      assertThat(boundNode(client, ns, "selected")).isEqualTo(nodes.name("a-hdd"));
      assertThat(boundNode(client, ns, "affine")).isEqualTo(nodes.name("c-ssd-new"));
    }
  }

  @Test
  void prefersTheNodeItsPreferredNodeAffinityWeighsMost(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      TestNodes nodes = cluster.nodes;
      nodes.create(nodes.node("a", "4", "8Gi"));
      nodes.create(
          nodes.node("b", "4", "8Gi").editMetadata().addToLabels("zone", "z2").endMetadata());
      nodes.create(
          nodes.node("c", "4", "8Gi").editMetadata().addToLabels("fast", "yes").endMetadata());

      cluster.create(
          cluster
              .pod("picky", null)
              .editSpec()
              .withNewAffinity()
              .withNewNodeAffinity()
              .withPreferredDuringSchedulingIgnoredDuringExecution(
                  preferred(10, "zone", "In", "z2"), preferred(50, "fast", "Exists"))
              .endNodeAffinity()
              .endAffinity()
              .endSpec());

      assertThat(boundNode(client, ns, "picky")).isEqualTo(nodes.name("c"));
    }
  }

  @Test
  void bindsAPodToTheTaintedNodeOnlyWhenItToleratesTheTaint(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      TestNodes nodes = cluster.nodes;
      nodes.create(
          nodes
              .node("gpu", "4", "8Gi")
              .editSpec()
              .withTaints(
                  new TaintBuilder()
                      .withKey("dedicated")
                      .withValue("gpu")
                      .withEffect("NoSchedule")
                      .build())
              .endSpec());
      nodes.create(
          nodes
              .node("down", "4", "8Gi")
              .editStatus()
              .withConditions(
                  new NodeConditionBuilder().withType("Ready").withStatus("False").build())
              .endStatus());
      nodes.create(nodes.node("cordoned", "4", "8Gi").editSpec().withUnschedulable(true).endSpec());

      cluster.create(
          cluster
              .pod("tolerant", null)
              .editSpec()
              .withTolerations(
                  new TolerationBuilder()
                      .withKey("dedicated")
                      .withOperator("Equal")
                      .withValue("gpu")
                      .withEffect("NoSchedule")
                      .build())
              .endSpec());
      cluster.create(cluster.pod("intolerant", null));

      assertThat(boundNode(client, ns, "tolerant")).isEqualTo(nodes.name("gpu"));
      unschedulable(
          client,
          ns,
          "intolerant",
          "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, "
              + "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, "
              + "1 node(s) were unschedulable.");
      assertThat(cluster.get("intolerant").getSpec().getNodeName()).isNullOrEmpty();
    }
  }

  @Test
  void reportsWhyNothingFitsAndSchedulesOnceAFittingNodeAppears(
      KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      TestNodes nodes = cluster.nodes;
      nodes.create(
          nodes.node("web", "1", "4Gi").editMetadata().addToLabels("pool", "web").endMetadata());
      nodes.create(
          nodes.node("db-1", "8", "4Gi").editMetadata().addToLabels("pool", "db").endMetadata());
      nodes.create(
          nodes.node("db-2", "8", "4Gi").editMetadata().addToLabels("pool", "db").endMetadata());
      cluster.create(
          cluster.pod("big-web", "2").editSpec().addToNodeSelector("pool", "web").endSpec());

      String expected =
          "0/3 nodes are available: 1 Insufficient cpu, "
              + "2 node(s) didn't match Pod's node affinity/selector.";
      unschedulable(client, ns, "big-web", expected);
      Event event = failedScheduling(client, ns, "big-web");
      assertThat(event.getType()).isEqualTo("Warning");
      assertThat(event.getMessage()).isEqualTo(expected);
      assertThat(event.getInvolvedObject().getKind()).isEqualTo("Pod");

      nodes.create(
          nodes
              .node("web-large", "4", "4Gi")
              .editMetadata()
              .addToLabels("pool", "web")
              .endMetadata());

      assertThat(boundNode(client, ns, "big-web")).isEqualTo(nodes.name("web-large"));
    }
  }

  @Test
  void countsThePodsAlreadyBoundAndRetriesWhenOneGoes(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      cluster.nodes.create(cluster.nodes.node("a", "2", "4Gi"));
      cluster.nodes.create(cluster.nodes.node("b", "2", "4Gi"));
      cluster.create(cluster.pod("first", "1500m"));
      cluster.create(cluster.pod("second", "1500m"));
      String first = boundNode(client, ns, "first");
      String second = boundNode(client, ns, "second");
      assertThat(Set.of(first, second))
          .containsExactlyInAnyOrder(cluster.nodes.name("a"), cluster.nodes.name("b"));

      cluster.create(cluster.pod("third", "1500m"));
      unschedulable(client, ns, "third", "0/2 nodes are available: 2 Insufficient cpu.");

      cluster.deleteNow("first");

      assertThat(boundNode(client, ns, "third")).isEqualTo(first);
    }
  }

  /**
   * A node that gets room while a pod's attempt fails: the attempt read the nodes before the
   * change, and the change came before the pod was recorded as waiting, so it woke nothing. The pod
   * must still be tried again after its back-off, not after the 5-minute retry. The clock's third
   * reading of the attempt (after waitLeft and the snapshot) is the one that records the failure.
   */
  @Test
  void triesAgainAfterItsBackoffWhenRoomCameDuringTheFailedAttempt(
      KubeClient client, TestNamespace ns) {
    InterruptingClock clock = new InterruptingClock();
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns, clock)) {
      TestNodes nodes = cluster.nodes;
      nodes.create(nodes.node("small", "1", "4Gi"));
      String big = nodes.name("big");
      CountDownLatch bigSeen = new CountDownLatch(1);
      cluster
          .nodeInformer()
          .addHandler(
              EventHandler.onChange(
                  (node, origin) -> {
                    if (node.getMetadata().getName().equals(big)
                        && node.getStatus() != null
                        && node.getStatus().getAllocatable() != null) {
                      bigSeen.countDown();
                    }
                  }));
      clock.arm(
          3,
          () -> {
            nodes.create(nodes.node("big", "4", "4Gi"));
            try {
              // This handler runs after the scheduler's: once it has seen the node, so has it.
              bigSeen.await(SchedulerHarness.WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });

      cluster.create(cluster.pod("wide", "2"));

      assertThat(boundNode(client, ns, "wide")).isEqualTo(big);
      assertThat(clock.ran()).isTrue();
      assertThat(bigSeen.getCount()).isZero();
      assertThat(failedScheduling(client, ns, "wide").getMessage())
          .isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
    }
  }

  @Test
  void spreadsThePodsOfOneOwnerWhileOwnerlessPodsGoToTheLeastAllocatedNode(
      KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      TestNodes nodes = cluster.nodes;
      nodes.create(nodes.node("big", "64", "64Gi"));
      nodes.create(nodes.node("small-1", "4", "4Gi"));
      nodes.create(nodes.node("small-2", "4", "4Gi"));
      String owner = UUID.randomUUID().toString();
      for (int i = 0; i < 3; i++) {
        cluster.create(
            cluster
                .pod("replica-" + i, "100m")
                .editMetadata()
                .withOwnerReferences(
                    new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("ReplicaSet")
                        .withName("web")
                        .withUid(owner)
                        .withController(true)
                        .build())
                .endMetadata());
        boundNode(client, ns, "replica-" + i);
      }
      for (int i = 0; i < 3; i++) {
        cluster.create(cluster.pod("loner-" + i, "100m"));
      }

      Set<String> replicaNodes =
          IntStream.range(0, 3)
              .mapToObj(i -> boundNode(client, ns, "replica-" + i))
              .collect(Collectors.toSet());
      assertThat(replicaNodes)
          .containsExactlyInAnyOrder(
              nodes.name("big"), nodes.name("small-1"), nodes.name("small-2"));
      for (int i = 0; i < 3; i++) {
        assertThat(boundNode(client, ns, "loner-" + i)).isEqualTo(nodes.name("big"));
      }
    }
  }

  private static io.fabric8.kubernetes.api.model.PreferredSchedulingTerm preferred(
      int weight, String key, String operator, String... values) {
    return new PreferredSchedulingTermBuilder()
        .withWeight(weight)
        .withNewPreference()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .endPreference()
        .build();
  }
}
