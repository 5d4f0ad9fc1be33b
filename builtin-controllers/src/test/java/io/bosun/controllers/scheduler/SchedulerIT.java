package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.SchedulerHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.controller.client.KubeClient;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scheduler against a real apiserver, with Node objects registered as a kubelet would. */
@BosunTest
class SchedulerIT {

  @Test
  void bindsAPodToTheNodeWithRoomForItsRequests(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      cluster.create(cluster.node("small", "1", "1Gi"));
      cluster.create(cluster.node("large", "4", "8Gi"));

      cluster.create(cluster.pod("needs-two", "2"));

      assertThat(boundNode(client, ns, "needs-two")).isEqualTo(cluster.nodeName("large"));
    }
  }

  @Test
  void bindsAPodOnlyToANodeMatchingItsSelectorAndRequiredAffinity(
      KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      cluster.create(
          cluster.node("hdd", "4", "8Gi").editMetadata().addToLabels("disk", "hdd").endMetadata());
      cluster.create(
          cluster
              .node("ssd-old", "4", "8Gi")
              .editMetadata()
              .addToLabels(Map.of("disk", "ssd", "generation", "2"))
              .endMetadata());
      cluster.create(
          cluster
              .node("ssd-new", "4", "8Gi")
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

      assertThat(boundNode(client, ns, "selected")).isEqualTo(cluster.nodeName("hdd"));
      assertThat(boundNode(client, ns, "affine")).isEqualTo(cluster.nodeName("ssd-new"));
    }
  }

  @Test
  void bindsAPodToTheTaintedNodeOnlyWhenItToleratesTheTaint(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      cluster.create(
          cluster
              .node("gpu", "4", "8Gi")
              .editSpec()
              .withTaints(
                  new TaintBuilder()
                      .withKey("dedicated")
                      .withValue("gpu")
                      .withEffect("NoSchedule")
                      .build())
              .endSpec());
      cluster.create(
          cluster
              .node("down", "4", "8Gi")
              .editStatus()
              .withConditions(
                  new io.fabric8.kubernetes.api.model.NodeConditionBuilder()
                      .withType("Ready")
                      .withStatus("False")
                      .build())
              .endStatus());
      cluster.create(
          cluster.node("cordoned", "4", "8Gi").editSpec().withUnschedulable(true).endSpec());

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

      assertThat(boundNode(client, ns, "tolerant")).isEqualTo(cluster.nodeName("gpu"));
      String expected =
          "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, "
              + "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, "
              + "1 node(s) were unschedulable.";
      assertThat(scheduledCondition(client, ns, "intolerant", expected).getReason())
          .isEqualTo("Unschedulable");
      assertThat(cluster.get("intolerant").getSpec().getNodeName()).isNullOrEmpty();
    }
  }

  @Test
  void reportsWhyNothingFitsAndSchedulesOnceAFittingNodeAppears(
      KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      cluster.create(
          cluster.node("web", "1", "4Gi").editMetadata().addToLabels("pool", "web").endMetadata());
      cluster.create(
          cluster.node("db-1", "8", "4Gi").editMetadata().addToLabels("pool", "db").endMetadata());
      cluster.create(
          cluster.node("db-2", "8", "4Gi").editMetadata().addToLabels("pool", "db").endMetadata());
      cluster.create(
          cluster.pod("big-web", "2").editSpec().addToNodeSelector("pool", "web").endSpec());

      String expected =
          "0/3 nodes are available: 1 Insufficient cpu, "
              + "2 node(s) didn't match Pod's node affinity/selector.";
      PodCondition condition = scheduledCondition(client, ns, "big-web", expected);
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getReason()).isEqualTo("Unschedulable");
      Event event =
          await()
              .atMost(WAIT)
              .until(() -> failedScheduling(client, ns, "big-web"), Optional::isPresent)
              .orElseThrow();
      assertThat(event.getType()).isEqualTo("Warning");
      assertThat(event.getMessage()).isEqualTo(expected);

      cluster.create(
          cluster
              .node("web-large", "4", "4Gi")
              .editMetadata()
              .addToLabels("pool", "web")
              .endMetadata());

      assertThat(boundNode(client, ns, "big-web")).isEqualTo(cluster.nodeName("web-large"));
    }
  }

  @Test
  void countsThePodsAlreadyBoundAndRetriesWhenOneGoes(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      cluster.create(cluster.node("a", "2", "4Gi"));
      cluster.create(cluster.node("b", "2", "4Gi"));
      cluster.create(cluster.pod("first", "1500m"));
      cluster.create(cluster.pod("second", "1500m"));
      String first = boundNode(client, ns, "first");
      String second = boundNode(client, ns, "second");
      assertThat(Set.of(first, second))
          .containsExactlyInAnyOrder(cluster.nodeName("a"), cluster.nodeName("b"));

      cluster.create(cluster.pod("third", "1500m"));
      scheduledCondition(client, ns, "third", "0/2 nodes are available: 2 Insufficient cpu.");

      cluster.deleteNow("first");

      assertThat(boundNode(client, ns, "third")).isEqualTo(first);
    }
  }

  @Test
  void spreadsThePodsOfOneOwnerWhileOwnerlessPodsGoToTheLeastAllocatedNode(
      KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      cluster.create(cluster.node("big", "64", "64Gi"));
      cluster.create(cluster.node("small-1", "4", "4Gi"));
      cluster.create(cluster.node("small-2", "4", "4Gi"));
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
      }
      for (int i = 0; i < 3; i++) {
        cluster.create(cluster.pod("loner-" + i, "100m"));
      }

      Set<String> replicaNodes =
          List.of(0, 1, 2).stream()
              .map(i -> boundNode(client, ns, "replica-" + i))
              .collect(Collectors.toSet());
      assertThat(replicaNodes)
          .containsExactlyInAnyOrder(
              cluster.nodeName("big"), cluster.nodeName("small-1"), cluster.nodeName("small-2"));
      for (int i = 0; i < 3; i++) {
        assertThat(boundNode(client, ns, "loner-" + i)).isEqualTo(cluster.nodeName("big"));
      }
    }
  }

  private static String boundNode(KubeClient client, TestNamespace ns, String pod) {
    return Await.object(
            client.resources(Pod.class),
            ns.name(),
            pod,
            p -> p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty(),
            WAIT)
        .getSpec()
        .getNodeName();
  }

  private static PodCondition scheduledCondition(
      KubeClient client, TestNamespace ns, String pod, String message) {
    Pod found =
        Await.object(
            client.resources(Pod.class),
            ns.name(),
            pod,
            p -> condition(p).filter(c -> message.equals(c.getMessage())).isPresent(),
            WAIT);
    return condition(found).orElseThrow();
  }

  private static Optional<PodCondition> condition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()))
        .findFirst();
  }

  private static Optional<Event> failedScheduling(KubeClient client, TestNamespace ns, String pod) {
    return client.resources(Event.class).list(ns.name()).await().atMost(WAIT).items().stream()
        .filter(e -> "FailedScheduling".equals(e.getReason()))
        .filter(e -> pod.equals(e.getInvolvedObject().getName()))
        .findFirst();
  }
}
