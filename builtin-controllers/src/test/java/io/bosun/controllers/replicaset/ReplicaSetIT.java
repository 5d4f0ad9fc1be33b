package io.bosun.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Registration;
import io.bosun.controllers.FakeKubelet;
import io.bosun.controllers.RunningControllers;
import io.bosun.controllers.Workloads;
import io.bosun.controllers.ownership.ControllerRefs;
import io.bosun.controllers.pods.PodStates;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The ReplicaSet controller against a real apiserver, with the test playing the kubelet. */
@BosunTest
class ReplicaSetIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void createsItsReplicasOnceAndReportsThemInStatus(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      Set<String> created = ConcurrentHashMap.newKeySet();
      Registration counting =
          pods.addHandler(
              EventHandler.onChange(
                  (pod, origin) -> {
                    if (ns.name().equals(pod.getMetadata().getNamespace())) {
                      created.add(pod.getMetadata().getName());
                    }
                  }));
      ResourceClient<ReplicaSet> replicaSets = client.resources(ReplicaSet.class);
      ReplicaSet rs =
          replicaSets.create(Workloads.replicaSet(ns.name(), "web", 3)).await().atMost(WAIT);

      Await.cache(pods, () -> owned(pods, rs).size() == 3, WAIT, "3 pods of web");
      for (Pod pod : owned(pods, rs)) {
        OwnerReference ref = ControllerRefs.controllerOf(pod).orElseThrow();
        assertThat(ref.getKind()).isEqualTo("ReplicaSet");
        assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
        assertThat(ref.getName()).isEqualTo("web");
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
        assertThat(pod.getMetadata().getName()).startsWith("web-");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web");
      }
      Await.object(
          replicaSets,
          ns.name(),
          "web",
          r -> status(r, 3, 0, 0) && r.getStatus().getObservedGeneration() == 1,
          WAIT);

      owned(pods, rs).forEach(kubelet::markReady);
      ReplicaSet ready = Await.object(replicaSets, ns.name(), "web", r -> status(r, 3, 3, 3), WAIT);
      assertThat(ready.getStatus().getFullyLabeledReplicas()).isEqualTo(3);
      counting.remove();
      assertThat(created).as("pods ever created").hasSize(3);
    }
  }

  @Test
  void replacesADeletedPod(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      ReplicaSet rs =
          client
              .resources(ReplicaSet.class)
              .create(Workloads.replicaSet(ns.name(), "web", 3))
              .await()
              .atMost(WAIT);
      Await.cache(pods, () -> owned(pods, rs).size() == 3, WAIT, "3 pods");
      String victim = owned(pods, rs).get(0).getMetadata().getName();

      client.resources(Pod.class).delete(ns.name(), victim).await().atMost(WAIT);

      Await.cache(
          pods,
          () ->
              owned(pods, rs).size() == 3
                  && owned(pods, rs).stream()
                      .noneMatch(p -> p.getMetadata().getName().equals(victim)),
          WAIT,
          "a replacement for " + victim);
    }
  }

  @Test
  void scalesUpThenDownKeepingTheReadyPods(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      ResourceClient<ReplicaSet> replicaSets = client.resources(ReplicaSet.class);
      ReplicaSet rs =
          replicaSets.create(Workloads.replicaSet(ns.name(), "web", 3)).await().atMost(WAIT);
      Await.cache(pods, () -> owned(pods, rs).size() == 3, WAIT, "3 pods");

      replicaSets
          .patchScale(ns.name(), "web", Patch.merge(Map.of("spec", Map.of("replicas", 10))))
          .await()
          .atMost(WAIT);
      Await.cache(pods, () -> owned(pods, rs).size() == 10, WAIT, "10 pods");
      List<String> keep =
          owned(pods, rs).subList(3, 5).stream().map(p -> p.getMetadata().getName()).toList();
      keep.forEach(kubelet::markReady);
      Await.object(replicaSets, ns.name(), "web", r -> status(r, 10, 2, 2), WAIT);

      replicaSets
          .patch(ns.name(), "web", Patch.merge(Map.of("spec", Map.of("replicas", 2))))
          .await()
          .atMost(WAIT);
      Await.cache(pods, () -> owned(pods, rs).size() == 2, WAIT, "2 pods");
      assertThat(owned(pods, rs))
          .extracting(p -> p.getMetadata().getName())
          .hasSameElementsAs(keep);
      Await.object(
          replicaSets,
          ns.name(),
          "web",
          r -> status(r, 2, 2, 2) && r.getStatus().getObservedGeneration() == 3,
          WAIT);
    }
  }

  @Test
  void adoptsMatchingOrphansAndReleasesPodsThatStopMatching(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      ResourceClient<Pod> podClient = client.resources(Pod.class);
      podClient
          .create(Workloads.pod(ns.name(), "orphan", Map.of("app", "web")))
          .await()
          .atMost(WAIT);
      podClient
          .create(Workloads.pod(ns.name(), "stranger", Map.of("app", "other")))
          .await()
          .atMost(WAIT);

      ReplicaSet rs =
          client
              .resources(ReplicaSet.class)
              .create(Workloads.replicaSet(ns.name(), "web", 2))
              .await()
              .atMost(WAIT);
      Await.cache(pods, () -> owned(pods, rs).size() == 2, WAIT, "2 pods");
      assertThat(owned(pods, rs)).extracting(p -> p.getMetadata().getName()).contains("orphan");
      assertThat(pods.get(ns.name(), "stranger").orElseThrow().getMetadata().getOwnerReferences())
          .isEmpty();

      podClient
          .patch(
              ns.name(),
              "orphan",
              Patch.merge(Map.of("metadata", Map.of("labels", Map.of("app", "elsewhere")))))
          .await()
          .atMost(WAIT);
      Await.cached(pods, ns.name(), "orphan", p -> ControllerRefs.controllerOf(p).isEmpty(), WAIT);
      Await.cache(
          pods,
          () ->
              owned(pods, rs).size() == 2
                  && owned(pods, rs).stream()
                      .noneMatch(p -> p.getMetadata().getName().equals("orphan")),
          WAIT,
          "a replacement for the released pod");
    }
  }

  @Test
  void countsPodsAvailableOnlyAfterMinReadySeconds(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      ResourceClient<ReplicaSet> replicaSets = client.resources(ReplicaSet.class);
      ReplicaSet spec =
          new ReplicaSetBuilder(Workloads.replicaSet(ns.name(), "slow", 2))
              .editSpec()
              .withMinReadySeconds(2)
              .endSpec()
              .build();
      ReplicaSet rs = replicaSets.create(spec).await().atMost(WAIT);
      Await.cache(pods, () -> owned(pods, rs).size() == 2, WAIT, "2 pods");
      owned(pods, rs).forEach(kubelet::markReady);

      ReplicaSet readyNotAvailable =
          Await.object(replicaSets, ns.name(), "slow", r -> status(r, 2, 2, 0), WAIT);
      assertThat(readyNotAvailable.getStatus().getAvailableReplicas()).isNull();
      Await.object(replicaSets, ns.name(), "slow", r -> status(r, 2, 2, 2), WAIT);
    }
  }

  @Test
  void managesReplicationControllersTheSameWay(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      ResourceClient<ReplicationController> rcs = client.resources(ReplicationController.class);
      ReplicationController rc =
          rcs.create(
                  new ReplicationControllerBuilder()
                      .withNewMetadata()
                      .withName("legacy")
                      .withNamespace(ns.name())
                      .endMetadata()
                      .withNewSpec()
                      .withReplicas(2)
                      .withSelector(Map.of("app", "legacy"))
                      .withTemplate(Workloads.template("legacy", "registry.example/app:1"))
                      .endSpec()
                      .build())
              .await()
              .atMost(WAIT);
      String uid = rc.getMetadata().getUid();
      Await.cache(
          pods,
          () -> ownedBy(pods, ns.name(), uid).size() == 2,
          WAIT,
          "2 pods of the ReplicationController");
      ownedBy(pods, ns.name(), uid).forEach(kubelet::markReady);
      Await.object(
          rcs,
          ns.name(),
          "legacy",
          r ->
              r.getStatus() != null
                  && r.getStatus().getReplicas() == 2
                  && Integer.valueOf(2).equals(r.getStatus().getReadyReplicas())
                  && Integer.valueOf(2).equals(r.getStatus().getAvailableReplicas()),
          WAIT);
      assertThat(
              ControllerRefs.controllerOf(ownedBy(pods, ns.name(), uid).get(0))
                  .orElseThrow()
                  .getKind())
          .isEqualTo("ReplicationController");
    }
  }

  static List<Pod> owned(Informer<Pod> pods, ReplicaSet rs) {
    return ownedBy(pods, rs.getMetadata().getNamespace(), rs.getMetadata().getUid());
  }

  static List<Pod> ownedBy(Informer<Pod> pods, String namespace, String uid) {
    return pods.byIndex(Informer.NAMESPACE_INDEX, namespace).stream()
        .filter(PodStates::isActive)
        .filter(p -> ControllerRefs.isControlledBy(p, uid))
        .sorted(
            java.util.Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp())
                .thenComparing(p -> p.getMetadata().getName()))
        .toList();
  }

  static boolean status(ReplicaSet rs, int replicas, int ready, int available) {
    return rs.getStatus() != null
        && rs.getStatus().getReplicas() != null
        && rs.getStatus().getReplicas() == replicas
        && orZero(rs.getStatus().getReadyReplicas()) == ready
        && orZero(rs.getStatus().getAvailableReplicas()) == available;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
