package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.Fixtures.term;
import static io.bosun.controllers.scheduler.SchedulerPods.boundNode;
import static io.bosun.controllers.scheduler.SchedulerPods.unschedulable;
import static io.bosun.controllers.scheduler.TestNodes.HOSTNAME;
import static io.bosun.controllers.scheduler.TestNodes.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pod affinity and anti-affinity against a real apiserver, over nodes labelled by host and zone.
 */
@BosunTest
class PodAffinityIT {

  @Test
  void antiAffinitySpreadsReplicasOverHostsAndHoldsTheOneTooManyUntilAHostFrees(
      KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      // One node much larger than the others: without anti-affinity, every pod would go there.
      cluster.nodes.create(cluster.nodes.node("a", "64", "64Gi"));
      cluster.nodes.create(cluster.nodes.node("b", "4", "8Gi"));
      cluster.nodes.create(cluster.nodes.node("c", "4", "8Gi"));
      Affinity apart =
          new AffinityBuilder()
              .withNewPodAntiAffinity()
              .withRequiredDuringSchedulingIgnoredDuringExecution(term("app", "web", HOSTNAME))
              .endPodAntiAffinity()
              .build();

      Set<String> hosts = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        cluster.create(
            cluster
                .pod("web-" + i, "100m", Map.of("app", "web"))
                .editSpec()
                .withAffinity(apart)
                .endSpec());
        hosts.add(boundNode(client, ns, "web-" + i));
      }
      assertThat(hosts)
          .containsExactlyInAnyOrder(
              cluster.nodes.name("a"), cluster.nodes.name("b"), cluster.nodes.name("c"));

      cluster.create(
          cluster
              .pod("web-3", "100m", Map.of("app", "web"))
              .editSpec()
              .withAffinity(apart)
              .endSpec());
      unschedulable(
          client,
          ns,
          "web-3",
          "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
      // Symmetry: a pod without terms of its own is kept off the hosts whose pods refuse it.
      cluster.create(cluster.pod("plain-web", "100m", Map.of("app", "web")));
      unschedulable(
          client,
          ns,
          "plain-web",
          "0/3 nodes are available: 3 node(s) didn't satisfy existing pods anti-affinity rules.");
      cluster.deleteNow("plain-web");

      String freed = cluster.get("web-1").getSpec().getNodeName();
      cluster.deleteNow("web-1");

      assertThat(boundNode(client, ns, "web-3")).isEqualTo(freed);
    }
  }

  @Test
  void affinityPlacesAPodWithItsCompanyByHostOrByZone(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      TestNodes nodes = cluster.nodes;
      nodes.create(
          nodes.node("a", "4", "8Gi").editMetadata().addToLabels(ZONE, "z1").endMetadata());
      nodes.create(
          nodes.node("b", "4", "8Gi").editMetadata().addToLabels(ZONE, "z2").endMetadata());
      nodes.create(
          nodes.node("c", "4", "8Gi").editMetadata().addToLabels(ZONE, "z2").endMetadata());
      cluster.create(cluster.podOn("b", "db", Map.of("app", "db")));
      assertThat(boundNode(client, ns, "db")).isEqualTo(nodes.name("b"));

      cluster.create(
          cluster
              .pod("same-host", null)
              .editSpec()
              .withAffinity(together("app", "db", HOSTNAME))
              .endSpec());
      cluster.create(
          cluster
              .pod("same-zone", null)
              .editSpec()
              .withAffinity(together("app", "db", ZONE))
              .endSpec());

      assertThat(boundNode(client, ns, "same-host")).isEqualTo(nodes.name("b"));
      // b and c share zone z2; c, the less loaded, wins.
      assertThat(boundNode(client, ns, "same-zone")).isEqualTo(nodes.name("c"));
    }
  }

  @Test
  void aPodWaitingForCompanyIsBoundOnceItsCompanyIsPlaced(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      TestNodes nodes = cluster.nodes;
      nodes.create(nodes.node("a", "4", "8Gi"));
      nodes.create(nodes.node("b", "4", "8Gi"));
      cluster.create(
          cluster
              .pod("sidecar", null)
              .editSpec()
              .withAffinity(together("app", "cache", HOSTNAME))
              .endSpec());
      unschedulable(
          client,
          ns,
          "sidecar",
          "0/2 nodes are available: 2 node(s) didn't match pod affinity rules.");

      cluster.create(cluster.podOn("b", "cache", Map.of("app", "cache")));

      assertThat(boundNode(client, ns, "sidecar")).isEqualTo(nodes.name("b"));
    }
  }

  @Test
  void preferredAntiAffinityAvoidsAHostWithoutRulingItOut(KubeClient client, TestNamespace ns) {
    try (SchedulerHarness cluster = SchedulerHarness.start(client, ns)) {
      TestNodes nodes = cluster.nodes;
      // a is the roomier node: least-allocated scoring alone would pick it every time.
      nodes.create(nodes.node("a", "16", "32Gi"));
      nodes.create(nodes.node("b", "4", "8Gi"));
      cluster.create(cluster.podOn("a", "noisy", Map.of("noise", "loud")));
      boundNode(client, ns, "noisy");
      Affinity quiet =
          new AffinityBuilder()
              .withNewPodAntiAffinity()
              .addNewPreferredDuringSchedulingIgnoredDuringExecution()
              .withWeight(100)
              .withPodAffinityTerm(term("noise", "loud", HOSTNAME))
              .endPreferredDuringSchedulingIgnoredDuringExecution()
              .endPodAntiAffinity()
              .build();

      cluster.create(cluster.pod("quiet", null).editSpec().withAffinity(quiet).endSpec());
      cluster.create(
          cluster
              .pod("quiet-but-pinned", null)
              .editSpec()
              .withAffinity(quiet)
              .addToNodeSelector(HOSTNAME, nodes.name("a"))
              .endSpec());

      assertThat(boundNode(client, ns, "quiet")).isEqualTo(nodes.name("b"));
      assertThat(boundNode(client, ns, "quiet-but-pinned")).isEqualTo(nodes.name("a"));
    }
  }

  private static Affinity together(String key, String value, String topologyKey) {
    return new AffinityBuilder()
        .withNewPodAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(term(key, value, topologyKey))
        .endPodAffinity()
        .build();
  }
}
