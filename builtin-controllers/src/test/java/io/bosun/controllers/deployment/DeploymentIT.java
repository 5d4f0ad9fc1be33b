package io.bosun.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Deployments rolled out by the controllers against a real apiserver; the test is the kubelet. */
@BosunTest
class DeploymentIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void becomesAvailableOnceItsPodsAreReady(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      deployments.create(Workloads.deployment(ns.name(), "web", 3, "app:1")).await().atMost(WAIT);
      Informer<Pod> pods = controllers.informer(Pod.class);
      Await.cache(pods, () -> activePods(pods, ns).size() == 3, WAIT, "3 pods");
      Deployment progressing =
          Await.object(
              deployments,
              ns.name(),
              "web",
              d -> reason(d, "Progressing") != null && reason(d, "Available") != null,
              WAIT);
      assertThat(condition(progressing, "Available").getStatus()).isEqualTo("False");

      kubelet.readyEveryPod(pods);
      Deployment available = Await.object(deployments, ns.name(), "web", d -> complete(d, 3), WAIT);
      assertThat(condition(available, "Available").getReason())
          .isEqualTo("MinimumReplicasAvailable");
      assertThat(condition(available, "Progressing").getReason())
          .isEqualTo("NewReplicaSetAvailable");
      assertThat(available.getStatus().getReadyReplicas()).isEqualTo(3);
      assertThat(available.getStatus().getUnavailableReplicas()).isNull();
      assertThat(available.getMetadata().getAnnotations())
          .containsEntry("deployment.kubernetes.io/revision", "1");

      List<ReplicaSet> replicaSets = owned(controllers, available);
      assertThat(replicaSets).hasSize(1);
      ReplicaSet rs = replicaSets.get(0);
      String hash = rs.getMetadata().getLabels().get("pod-template-hash");
      assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
      assertThat(rs.getSpec().getSelector().getMatchLabels())
          .containsEntry("pod-template-hash", hash);
      assertThat(rs.getMetadata().getAnnotations())
          .containsEntry("deployment.kubernetes.io/revision", "1")
          .containsEntry("deployment.kubernetes.io/desired-replicas", "3")
          .containsEntry("deployment.kubernetes.io/max-replicas", "4");
      assertThat(activePods(pods, ns))
          .allSatisfy(
              p ->
                  assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", hash));
    }
  }

  @Test
  void rollsAnImageChangeOutWithoutDroppingBelowTheDesiredAvailability(
      KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      Informer<Pod> pods = controllers.informer(Pod.class);
      kubelet.readyEveryPod(pods);
      deployments
          .create(surgeOne(Workloads.deployment(ns.name(), "web", 3, "app:1")))
          .await()
          .atMost(WAIT);
      Await.object(deployments, ns.name(), "web", d -> complete(d, 3), WAIT);

      AtomicInteger minAvailable = new AtomicInteger(Integer.MAX_VALUE);
      AtomicInteger maxPods = new AtomicInteger();
      Registration watch =
          pods.addHandler(
              EventHandler.onChange(
                  (pod, origin) -> {
                    List<Pod> active = activePods(pods, ns);
                    minAvailable.accumulateAndGet(
                        (int) active.stream().filter(PodStates::isReady).count(), Math::min);
                    maxPods.accumulateAndGet(active.size(), Math::max);
                  }));
      try {
        setImage(deployments, ns, "web", "app:2");
        Deployment rolled =
            Await.object(
                deployments,
                ns.name(),
                "web",
                d -> complete(d, 3) && d.getStatus().getObservedGeneration() == 2,
                WAIT);
        Await.cache(
            pods,
            () ->
                activePods(pods, ns).size() == 3
                    && activePods(pods, ns).stream().allMatch(p -> image(p).equals("app:2")),
            WAIT,
            "3 pods of app:2");
        assertThat(minAvailable.get()).as("fewest ready pods during the rollout").isEqualTo(3);
        assertThat(maxPods.get()).as("most pods during the rollout").isEqualTo(4);
        assertThat(rolled.getMetadata().getAnnotations())
            .containsEntry("deployment.kubernetes.io/revision", "2");
        List<ReplicaSet> replicaSets = owned(controllers, rolled);
        assertThat(replicaSets).hasSize(2);
        assertThat(replicaSets)
            .extracting(rs -> rs.getSpec().getReplicas())
            .containsExactlyInAnyOrder(0, 3);
      } finally {
        watch.remove();
      }
    }
  }

  @Test
  void rollingBackRestoresThePreviousTemplateAndItsReplicaSet(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      kubelet.readyEveryPod(controllers.informer(Pod.class));
      deployments.create(Workloads.deployment(ns.name(), "web", 2, "app:1")).await().atMost(WAIT);
      Deployment first = Await.object(deployments, ns.name(), "web", d -> complete(d, 2), WAIT);
      ReplicaSet original = owned(controllers, first).get(0);
      setImage(deployments, ns, "web", "app:2");
      Await.object(
          deployments, ns.name(), "web", d -> complete(d, 2) && "2".equals(revision(d)), WAIT);

      // What kubectl rollout undo does: the old ReplicaSet's template, without the hash label.
      PodTemplateSpec previous =
          new PodTemplateSpecBuilder(original.getSpec().getTemplate())
              .editMetadata()
              .removeFromLabels("pod-template-hash")
              .endMetadata()
              .build();
      deployments
          .patch(
              ns.name(),
              "web",
              Patch.json(
                  new ObjectMapper()
                      .valueToTree(
                          List.of(
                              Map.of(
                                  "op", "replace", "path", "/spec/template", "value", previous)))))
          .await()
          .atMost(WAIT);

      Deployment back =
          Await.object(
              deployments, ns.name(), "web", d -> complete(d, 2) && "3".equals(revision(d)), WAIT);
      assertThat(back.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo("app:1");
      ReplicaSet restored =
          owned(controllers, back).stream()
              .filter(rs -> rs.getSpec().getReplicas() == 2)
              .findFirst()
              .orElseThrow();
      assertThat(restored.getMetadata().getUid()).isEqualTo(original.getMetadata().getUid());
      assertThat(restored.getMetadata().getAnnotations())
          .containsEntry("deployment.kubernetes.io/revision", "3")
          .containsEntry("deployment.kubernetes.io/revision-history", "1");
    }
  }

  @Test
  void pausedDeploymentsDoNotRollOutUntilResumed(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      kubelet.readyEveryPod(controllers.informer(Pod.class));
      deployments.create(Workloads.deployment(ns.name(), "web", 2, "app:1")).await().atMost(WAIT);
      Await.object(deployments, ns.name(), "web", d -> complete(d, 2), WAIT);

      deployments
          .patch(ns.name(), "web", Patch.merge(Map.of("spec", Map.of("paused", true))))
          .await()
          .atMost(WAIT);
      setImage(deployments, ns, "web", "app:2");
      Deployment paused =
          Await.object(
              deployments,
              ns.name(),
              "web",
              d ->
                  d.getStatus().getObservedGeneration() == 3
                      && "DeploymentPaused".equals(reason(d, "Progressing")),
              WAIT);
      assertThat(owned(controllers, paused)).hasSize(1);
      // No ReplicaSet has the new template yet: none of the pods is up to date.
      assertThat(paused.getStatus().getUpdatedReplicas()).isNull();
      assertThat(paused.getStatus().getReplicas()).isEqualTo(2);

      deployments
          .patch(ns.name(), "web", Patch.merge(Map.of("spec", Map.of("paused", false))))
          .await()
          .atMost(WAIT);
      Deployment resumed =
          Await.object(
              deployments, ns.name(), "web", d -> complete(d, 2) && "2".equals(revision(d)), WAIT);
      assertThat(owned(controllers, resumed)).hasSize(2);
    }
  }

  @Test
  void recreateStopsEveryOldPodBeforeStartingNewOnes(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      Informer<Pod> pods = controllers.informer(Pod.class);
      kubelet.readyEveryPod(pods);
      Deployment spec =
          new DeploymentBuilder(Workloads.deployment(ns.name(), "web", 3, "app:1"))
              .editSpec()
              .withNewStrategy()
              .withType("Recreate")
              .endStrategy()
              .endSpec()
              .build();
      deployments.create(spec).await().atMost(WAIT);
      Await.object(deployments, ns.name(), "web", d -> complete(d, 3), WAIT);
      AtomicInteger mixed = new AtomicInteger();
      Registration watch =
          pods.addHandler(
              EventHandler.onChange(
                  (pod, origin) -> {
                    List<String> images =
                        activePods(pods, ns).stream().map(DeploymentIT::image).distinct().toList();
                    if (images.size() > 1) {
                      mixed.incrementAndGet();
                    }
                  }));
      try {
        setImage(deployments, ns, "web", "app:2");
        Await.object(
            deployments, ns.name(), "web", d -> complete(d, 3) && "2".equals(revision(d)), WAIT);
        assertThat(activePods(pods, ns)).extracting(DeploymentIT::image).containsOnly("app:2");
        assertThat(mixed.get()).as("moments with old and new pods together").isZero();
      } finally {
        watch.remove();
      }
    }
  }

  @Test
  void scalingDuringAStuckRolloutSpreadsReplicasProportionally(
      KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      Informer<Pod> pods = controllers.informer(Pod.class);
      Deployment spec =
          new DeploymentBuilder(Workloads.deployment(ns.name(), "web", 10, "app:1"))
              .editSpec()
              .withNewStrategy()
              .withType("RollingUpdate")
              .withNewRollingUpdate()
              .withMaxSurge(new IntOrString(3))
              .withMaxUnavailable(new IntOrString(2))
              .endRollingUpdate()
              .endStrategy()
              .endSpec()
              .build();
      deployments.create(spec).await().atMost(WAIT);
      Await.cache(pods, () -> activePods(pods, ns).size() == 10, WAIT, "10 pods");
      activePods(pods, ns).forEach(kubelet::markReady);
      Await.object(deployments, ns.name(), "web", d -> complete(d, 10), WAIT);

      // The new pods never become ready: the rollout stops at 8 old and 5 new.
      setImage(deployments, ns, "web", "app:bad");
      Await.object(
          deployments,
          ns.name(),
          "web",
          d -> replicaSetSizes(controllers, d).equals(List.of(5, 8)),
          WAIT);

      deployments
          .patchScale(ns.name(), "web", Patch.merge(Map.of("spec", Map.of("replicas", 20))))
          .await()
          .atMost(WAIT);
      // 23 allowed (20 + surge 3), 10 more than the 13 there: spread as 8:5.
      Deployment scaled =
          Await.object(
              deployments,
              ns.name(),
              "web",
              d -> replicaSetSizes(controllers, d).stream().mapToInt(Integer::intValue).sum() == 23,
              WAIT);
      assertThat(replicaSetSizes(controllers, scaled)).containsExactly(9, 14);
    }
  }

  @Test
  void reportsAStuckRolloutPastItsProgressDeadline(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      Deployment spec =
          new DeploymentBuilder(Workloads.deployment(ns.name(), "web", 2, "app:1"))
              .editSpec()
              .withProgressDeadlineSeconds(1)
              .endSpec()
              .build();
      deployments.create(spec).await().atMost(WAIT);
      Deployment stuck =
          Await.object(
              deployments,
              ns.name(),
              "web",
              d -> "ProgressDeadlineExceeded".equals(reason(d, "Progressing")),
              WAIT);
      assertThat(condition(stuck, "Progressing").getStatus()).isEqualTo("False");
      assertThat(condition(stuck, "Progressing").getMessage())
          .isEqualTo(
              "ReplicaSet \""
                  + owned(controllers, stuck).get(0).getMetadata().getName()
                  + "\" has timed out progressing.");
    }
  }

  @Test
  void keepsOnlyRevisionHistoryLimitOldReplicaSets(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      kubelet.readyEveryPod(controllers.informer(Pod.class));
      Deployment spec =
          new DeploymentBuilder(Workloads.deployment(ns.name(), "web", 1, "app:1"))
              .editSpec()
              .withRevisionHistoryLimit(1)
              .endSpec()
              .build();
      deployments.create(spec).await().atMost(WAIT);
      for (int version = 2; version <= 4; version++) {
        setImage(deployments, ns, "web", "app:" + version);
        String revision = Integer.toString(version);
        Await.object(
            deployments,
            ns.name(),
            "web",
            d -> complete(d, 1) && revision.equals(revision(d)),
            WAIT);
      }
      Informer<ReplicaSet> replicaSets = controllers.informer(ReplicaSet.class);
      Deployment last = deployments.get(ns.name(), "web").await().atMost(WAIT);
      Await.cache(replicaSets, () -> owned(controllers, last).size() == 2, WAIT, "2 ReplicaSets");
      assertThat(owned(controllers, last))
          .extracting(
              rs -> rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))
          .containsExactlyInAnyOrder("3", "4");
    }
  }

  static Deployment surgeOne(Deployment d) {
    return new DeploymentBuilder(d)
        .editSpec()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .endStrategy()
        .endSpec()
        .build();
  }

  static void setImage(
      ResourceClient<Deployment> deployments, TestNamespace ns, String name, String image) {
    deployments
        .patch(
            ns.name(),
            name,
            Patch.strategicMerge(
                Map.of(
                    "spec",
                    Map.of(
                        "template",
                        Map.of(
                            "spec",
                            Map.of(
                                "containers", List.of(Map.of("name", "main", "image", image))))))))
        .await()
        .atMost(WAIT);
  }

  static boolean complete(Deployment d, int replicas) {
    return d.getStatus() != null
        && d.getStatus().getObservedGeneration() != null
        && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration()
        && Integer.valueOf(replicas).equals(d.getStatus().getUpdatedReplicas())
        && Integer.valueOf(replicas).equals(d.getStatus().getAvailableReplicas())
        && Integer.valueOf(replicas).equals(d.getStatus().getReplicas())
        && "NewReplicaSetAvailable".equals(reason(d, "Progressing"));
  }

  static String revision(Deployment d) {
    return d.getMetadata().getAnnotations() == null
        ? null
        : d.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
  }

  static DeploymentCondition condition(Deployment d, String type) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return null;
    }
    return d.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  static String reason(Deployment d, String type) {
    DeploymentCondition c = condition(d, type);
    return c == null ? null : c.getReason();
  }

  static List<Pod> activePods(Informer<Pod> pods, TestNamespace ns) {
    return pods.byIndex(Informer.NAMESPACE_INDEX, ns.name()).stream()
        .filter(PodStates::isActive)
        .toList();
  }

  static List<ReplicaSet> owned(RunningControllers controllers, Deployment d) {
    return controllers
        .informer(ReplicaSet.class)
        .byIndex(Informer.NAMESPACE_INDEX, d.getMetadata().getNamespace())
        .stream()
        .filter(rs -> ControllerRefs.isControlledBy(rs, d.getMetadata().getUid()))
        .toList();
  }

  /** The owned ReplicaSets' spec.replicas, smallest first. */
  static List<Integer> replicaSetSizes(RunningControllers controllers, Deployment d) {
    return owned(controllers, d).stream().map(rs -> rs.getSpec().getReplicas()).sorted().toList();
  }

  static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }
}
