package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.Fixtures.node;
import static io.bosun.controllers.scheduler.Fixtures.pod;
import static io.bosun.controllers.scheduler.Fixtures.term;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.informer.Origin;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulingCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(30);

  private final SchedulingCache cache = new SchedulingCache(TTL);
  private final Node a = node("a", "4", "8Gi", Map.of()).build();
  private final Node b = node("b", "4", "8Gi", Map.of()).build();

  SchedulingCacheTest() {
    cache.nodeHandler().onAdd(a, Origin.INITIAL_LIST);
    cache.nodeHandler().onAdd(b, Origin.INITIAL_LIST);
  }

  @Test
  void boundPodsAddUpOnTheirNodeAndLeaveItWhenDeletedOrFinished() {
    Pod one = bound(pod("ns", "one", "500m", Map.of()), "a");
    Pod two = bound(pod("ns", "two", "250m", Map.of()), "a");
    cache.podHandler().onAdd(one, Origin.WATCH);
    cache.podHandler().onAdd(two, Origin.WATCH);
    cache.podHandler().onAdd(pod("ns", "pending", "1", Map.of()).build(), Origin.WATCH);

    assertThat(cpu("a")).isEqualByComparingTo("0.75");
    assertThat(podCount("a")).isEqualTo(2);
    assertThat(podCount("b")).isZero();

    cache.podHandler().onDelete(one, Origin.WATCH);
    assertThat(cpu("a")).isEqualByComparingTo("0.25");
    Pod finished = new PodBuilder(two).withNewStatus().withPhase("Succeeded").endStatus().build();
    cache.podHandler().onUpdate(two, finished, Origin.WATCH);
    assertThat(podCount("a")).isZero();
    assertThat(cpu("a")).isNull();
  }

  @Test
  void aPodSeenAgainReplacesItselfWhateverChanged() {
    Pod small = bound(pod("ns", "p", "500m", Map.of()), "a");
    Pod bigger = bound(pod("ns", "p", "2", Map.of("v", "2")), "a");
    cache.podHandler().onAdd(small, Origin.WATCH);
    cache.podHandler().onUpdate(small, bigger, Origin.WATCH);
    cache.podHandler().onUpdate(bigger, bigger, Origin.RESYNC);
    cache.podHandler().onAdd(bigger, Origin.RELIST);

    assertThat(podCount("a")).isEqualTo(1);
    assertThat(cpu("a")).isEqualByComparingTo("2");
    assertThat(info("a").pods().get(0).getMetadata().getLabels()).containsEntry("v", "2");
  }

  @Test
  void aReboundPodMovesBetweenNodes() {
    Pod onA = bound(pod("ns", "p", "1", Map.of()), "a");
    Pod onB = bound(pod("ns", "p", "1", Map.of()), "b");
    cache.podHandler().onAdd(onA, Origin.WATCH);
    cache.podHandler().onUpdate(onA, onB, Origin.RELIST);

    assertThat(podCount("a")).isZero();
    assertThat(podCount("b")).isEqualTo(1);
    assertThat(cpu("b")).isEqualByComparingTo("1");
  }

  @Test
  void anAssumedPodCountsUntilTheInformerConfirmsItOnce() {
    Pod pending = pod("ns", "p", "1", Map.of()).build();
    cache.podHandler().onAdd(pending, Origin.WATCH);
    cache.assume(new PodBuilder(pending).build(), "a");

    assertThat(cache.isAssumed("ns", "p")).isTrue();
    assertThat(cpu("a")).isEqualByComparingTo("1");
    // A status update of the still pending pod does not undo the assumption.
    Pod stillPending =
        new PodBuilder(pending).withNewStatus().withPhase("Pending").endStatus().build();
    cache.podHandler().onUpdate(pending, stillPending, Origin.WATCH);
    assertThat(podCount("a")).isEqualTo(1);

    cache.bound(pending, NOW);
    cache.podHandler().onUpdate(stillPending, bound(new PodBuilder(pending), "a"), Origin.WATCH);
    assertThat(cache.isAssumed("ns", "p")).isFalse();
    assertThat(podCount("a")).isEqualTo(1);
    assertThat(cpu("a")).isEqualByComparingTo("1");
    // Confirmed pods never expire; a failure reported late does not remove them either.
    cache.forget(pending);
    assertThat(cache.snapshot(NOW.plus(TTL).plusSeconds(1)).get(0).pods()).hasSize(1);
  }

  @Test
  void aPodOnANodeAlreadyIsNotAssumedElsewhereAndAFailedBindingKeepsItsPlace() {
    Pod pending = pod("ns", "p", "1", Map.of()).build();
    cache.podHandler().onAdd(bound(new PodBuilder(pending), "b"), Origin.WATCH);

    // A placement made from a copy read before the informer showed the pod bound.
    assertThat(cache.isPlaced("ns", "p")).isTrue();
    assertThat(cache.assume(new PodBuilder(pending).build(), "a")).isFalse();
    cache.forget(pending);

    assertThat(podCount("a")).isZero();
    assertThat(podCount("b")).isEqualTo(1);
    assertThat(cache.isAssumed("ns", "p")).isFalse();
    Pod other = pod("ns", "other", "1", Map.of()).build();
    assertThat(cache.assume(other, "a")).isTrue();
    assertThat(cache.assume(new PodBuilder(other).build(), "b")).isFalse();
    assertThat(podCount("a")).isEqualTo(1);
  }

  @Test
  void anAssumptionEndsWhenTheBindingFailsOrTheConfirmationIsOverdue() {
    Pod failing = pod("ns", "failing", "1", Map.of()).build();
    cache.assume(failing, "a");
    cache.forget(failing);
    assertThat(podCount("a")).isZero();
    assertThat(cache.isAssumed("ns", "failing")).isFalse();

    assertThat(cache.bindingsInFlight()).isFalse();
    Pod lost = pod("ns", "lost", "1", Map.of()).build();
    cache.assume(lost, "b");
    // In flight: never expires, however long the binding takes.
    assertThat(cache.bindingsInFlight()).isTrue();
    assertThat(cache.snapshot(NOW.plus(Duration.ofDays(1))).get(1).pods()).hasSize(1);
    cache.bound(lost, NOW);
    assertThat(cache.bindingsInFlight()).isFalse();
    assertThat(cache.snapshot(NOW.plus(TTL).minusSeconds(1)).get(1).pods()).hasSize(1);
    assertThat(cache.snapshot(NOW.plus(TTL)).get(1).pods()).isEmpty();
    assertThat(cache.isAssumed("ns", "lost")).isFalse();
  }

  @Test
  void anAssumedPodThatIsDeletedOrBoundElsewhereLeavesItsAssumedNode() {
    Pod deleted = pod("ns", "deleted", "1", Map.of()).build();
    cache.assume(new PodBuilder(deleted).build(), "a");
    cache.podHandler().onDelete(deleted, Origin.WATCH);
    assertThat(podCount("a")).isZero();

    Pod elsewhere = pod("ns", "elsewhere", "1", Map.of()).build();
    cache.assume(new PodBuilder(elsewhere).build(), "a");
    cache.podHandler().onUpdate(elsewhere, bound(new PodBuilder(elsewhere), "b"), Origin.WATCH);
    assertThat(podCount("a")).isZero();
    assertThat(podCount("b")).isEqualTo(1);
  }

  @Test
  void podsOfAnUnknownNodeCountOnceItAppearsAndNodesChangeInPlace() {
    Pod early = bound(pod("ns", "early", "1", Map.of()), "c");
    cache.podHandler().onAdd(early, Origin.INITIAL_LIST);
    assertThat(names()).containsExactly("a", "b");

    Node c = node("c", "4", "8Gi", Map.of()).build();
    cache.nodeHandler().onAdd(c, Origin.WATCH);
    assertThat(names()).containsExactly("a", "b", "c");
    assertThat(podCount("c")).isEqualTo(1);

    Node relabelled = node("c", "8", "8Gi", Map.of("zone", "z1")).build();
    cache.nodeHandler().onUpdate(c, relabelled, Origin.WATCH);
    assertThat(info("c").labels()).containsEntry("zone", "z1");
    assertThat(info("c").allocatable().get("cpu")).isEqualByComparingTo("8");
    assertThat(podCount("c")).isEqualTo(1);

    cache.nodeHandler().onDelete(relabelled, Origin.WATCH);
    assertThat(names()).containsExactly("a", "b");
  }

  @Test
  void aSnapshotReusesTheNodesThatDidNotChange() {
    List<NodeInfo> first = cache.snapshot(NOW);
    cache.podHandler().onAdd(bound(pod("ns", "p", "1", Map.of()), "b"), Origin.WATCH);
    List<NodeInfo> second = cache.snapshot(NOW);

    assertThat(second.get(0)).isSameAs(first.get(0));
    assertThat(second.get(1)).isNotSameAs(first.get(1));
  }

  @Test
  void keepsWhatTheScoresAndPodAffinityNeedPerNode() {
    Pod owned =
        bound(
            pod("ns", "r-1", "100m", Map.of("app", "web"))
                .editMetadata()
                .addToOwnerReferences(
                    new OwnerReferenceBuilder().withUid("rs-1").withController(true).build())
                .endMetadata(),
            "a");
    Pod lonely =
        bound(
            pod("ns", "lonely", null, Map.of())
                .editSpec()
                .withNewAffinity()
                .withNewPodAntiAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(
                    term("app", "web", TestNodes.HOSTNAME))
                .endPodAntiAffinity()
                .endAffinity()
                .endSpec(),
            "a");
    cache.podHandler().onAdd(owned, Origin.WATCH);
    cache.podHandler().onAdd(lonely, Origin.WATCH);

    NodeInfo info = info("a");
    assertThat(info.controlled()).isEqualTo(Map.of("rs-1", 1L));
    assertThat(info.withAffinity())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("lonely");
    // 100m plus the 100m scoring assumes for a container without a request.
    assertThat(info.nonZeroRequested().get("cpu")).isEqualByComparingTo("0.2");
    Pod web = pod("ns", "r-2", "100m", Map.of("app", "web")).build();
    assertThat(PodAffinity.of(web, cache.snapshot(NOW), ns -> Map.of()).reason(info))
        .isEqualTo(Optional.of(PodAffinity.EXISTING_ANTI_AFFINITY));
  }

  private static Pod bound(PodBuilder pod, String node) {
    return pod.editSpec().withNodeName(node).endSpec().build();
  }

  private NodeInfo info(String node) {
    return cache.snapshot(NOW).stream()
        .filter(i -> i.name().equals(node))
        .findFirst()
        .orElseThrow();
  }

  private List<String> names() {
    return cache.snapshot(NOW).stream().map(NodeInfo::name).toList();
  }

  private BigDecimal cpu(String node) {
    return info(node).requested().get("cpu");
  }

  private int podCount(String node) {
    int count = info(node).pods().size();
    assertThat(info(node).requested().get(Resources.PODS))
        .isEqualByComparingTo(BigDecimal.valueOf(count));
    return count;
  }
}
