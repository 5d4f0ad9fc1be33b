package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.Fixtures.info;
import static io.bosun.controllers.scheduler.Fixtures.node;
import static io.bosun.controllers.scheduler.Fixtures.pod;
import static io.bosun.controllers.scheduler.Fixtures.term;
import static io.bosun.controllers.scheduler.TestNodes.HOSTNAME;
import static io.bosun.controllers.scheduler.TestNodes.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PodAffinityTest {
  private static final Function<String, Map<String, String>> NAMESPACES =
      ns -> Map.of("team", ns.startsWith("blue") ? "blue" : "red");

  private final NodeInfo a = info(node("a", "4", "8Gi", Map.of(ZONE, "z1")).build());
  private final NodeInfo b = info(node("b", "4", "8Gi", Map.of(ZONE, "z1")).build());
  private final NodeInfo c = info(node("c", "4", "8Gi", Map.of(ZONE, "z2")).build());
  private final NodeInfo bare = info(node("bare", "4", "8Gi", Map.of()).build());

  @Test
  void requiredAffinityWantsADomainWithAMatchingPod() {
    NodeInfo withDb = info(b.node(), pod("ns", "db", null, Map.of("app", "db")).build());
    List<NodeInfo> nodes = List.of(a, withDb, c, bare);
    Pod byZone = withAffinity(pod("ns", "p", null, Map.of()).build(), term("app", "db", ZONE));

    PodAffinity affinity = PodAffinity.of(byZone, nodes, NAMESPACES);

    assertThat(affinity.reason(a)).isEmpty();
    assertThat(affinity.reason(withDb)).isEmpty();
    assertThat(affinity.reason(c)).contains(PodAffinity.AFFINITY);
    assertThat(affinity.reason(bare)).contains(PodAffinity.AFFINITY);
  }

  @Test
  void theFirstPodOfASelfAffineGroupMayGoAnywhereWithTheTopologyLabel() {
    Pod first =
        withAffinity(pod("ns", "p", null, Map.of("app", "db")).build(), term("app", "db", ZONE));

    PodAffinity affinity = PodAffinity.of(first, List.of(a, c, bare), NAMESPACES);

    assertThat(affinity.reason(a)).isEmpty();
    assertThat(affinity.reason(c)).isEmpty();
    assertThat(affinity.reason(bare)).contains(PodAffinity.AFFINITY);
    Pod notSelfAffine =
        withAffinity(pod("ns", "q", null, Map.of()).build(), term("app", "db", ZONE));
    assertThat(PodAffinity.of(notSelfAffine, List.of(a), NAMESPACES).reason(a))
        .contains(PodAffinity.AFFINITY);
  }

  @Test
  void antiAffinityHoldsBothWays() {
    Pod placed =
        withAntiAffinity(
            pod("ns", "web-0", null, Map.of("app", "web")).build(), term("app", "web", HOSTNAME));
    NodeInfo withWeb = info(a.node(), placed);
    List<NodeInfo> nodes = List.of(withWeb, b);

    Pod another =
        withAntiAffinity(
            pod("ns", "web-1", null, Map.of("app", "web")).build(), term("app", "web", HOSTNAME));
    assertThat(PodAffinity.of(another, nodes, NAMESPACES).reason(withWeb))
        .contains(PodAffinity.ANTI_AFFINITY);
    assertThat(PodAffinity.of(another, nodes, NAMESPACES).reason(b)).isEmpty();

    Pod plain = pod("ns", "plain", null, Map.of("app", "web")).build();
    assertThat(PodAffinity.of(plain, nodes, NAMESPACES).reason(withWeb))
        .contains(PodAffinity.EXISTING_ANTI_AFFINITY);
    Pod elsewhere = pod("other", "plain", null, Map.of("app", "web")).build();
    assertThat(PodAffinity.of(elsewhere, nodes, NAMESPACES).reason(withWeb)).isEmpty();
  }

  @Test
  void termsLookInTheirNamespacesAndThoseTheirSelectorPicks() {
    NodeInfo withDb = info(a.node(), pod("blue-1", "db", null, Map.of("app", "db")).build());
    List<NodeInfo> nodes = List.of(withDb, c);
    PodAffinityTerm ownNamespace = term("app", "db", ZONE);
    PodAffinityTerm named =
        new PodAffinityTermBuilder(ownNamespace).withNamespaces("blue-1").build();
    PodAffinityTerm blueTeam =
        new PodAffinityTermBuilder(ownNamespace)
            .withNamespaceSelector(
                new LabelSelectorBuilder().addToMatchLabels("team", "blue").build())
            .build();
    PodAffinityTerm everywhere =
        new PodAffinityTermBuilder(ownNamespace)
            .withNamespaceSelector(new LabelSelectorBuilder().build())
            .build();

    assertThat(reasonOnA("red-1", ownNamespace, nodes, withDb)).contains(PodAffinity.AFFINITY);
    assertThat(reasonOnA("red-1", named, nodes, withDb)).isEmpty();
    assertThat(reasonOnA("red-1", blueTeam, nodes, withDb)).isEmpty();
    assertThat(reasonOnA("red-1", everywhere, nodes, withDb)).isEmpty();
    assertThat(reasonOnA("blue-1", ownNamespace, nodes, withDb)).isEmpty();
  }

  @Test
  void preferredTermsAndThePlacedPodsTermsScoreTheirDomains() {
    Pod cache = pod("ns", "cache", null, Map.of("app", "cache")).build();
    Pod wantsCache =
        withAffinity(
            pod("ns", "wants", null, Map.of("app", "web")).build(), term("app", "web", ZONE));
    NodeInfo withCache = info(a.node(), cache);
    NodeInfo withWantsCache = info(c.node(), wantsCache);
    Pod web = pod("ns", "web", null, Map.of("app", "web")).build();
    web.getSpec()
        .setAffinity(
            new AffinityBuilder()
                .withNewPodAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(10)
                .withPodAffinityTerm(term("app", "cache", ZONE))
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAffinity()
                .withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(3)
                .withPodAffinityTerm(term("app", "cache", HOSTNAME))
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build());
    List<NodeInfo> nodes = List.of(withCache, b, withWantsCache);

    Map<String, Long> scores = PodAffinityScores.raw(web, nodes, nodes, NAMESPACES);

    // a: zone z1 has the cache (+10), host a has it too (-3); b: zone z1 (+10);
    // c: the placed pod's required affinity selects web (+1).
    assertThat(scores).isEqualTo(Map.of("a", 7L, "b", 10L, "c", 1L));
  }

  private Optional<String> reasonOnA(
      String namespace, PodAffinityTerm term, List<NodeInfo> nodes, NodeInfo on) {
    Pod pod = withAffinity(pod(namespace, "p", null, Map.of()).build(), term);
    return PodAffinity.of(pod, nodes, NAMESPACES).reason(on);
  }

  private static Pod withAffinity(Pod pod, PodAffinityTerm term) {
    pod.getSpec()
        .setAffinity(
            new AffinityBuilder()
                .withNewPodAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(term)
                .endPodAffinity()
                .build());
    return pod;
  }

  private static Pod withAntiAffinity(Pod pod, PodAffinityTerm term) {
    pod.getSpec()
        .setAffinity(
            new AffinityBuilder()
                .withNewPodAntiAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(term)
                .endPodAntiAffinity()
                .build());
    return pod;
  }
}
