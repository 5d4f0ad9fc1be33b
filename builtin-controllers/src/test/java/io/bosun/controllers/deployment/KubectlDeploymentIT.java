package io.bosun.controllers.deployment;

import static io.bosun.controllers.deployment.DeploymentIT.WAIT;
import static io.bosun.controllers.deployment.DeploymentIT.activePods;
import static io.bosun.controllers.deployment.DeploymentIT.image;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Registration;
import io.bosun.controllers.FakeKubelet;
import io.bosun.controllers.Kubectl;
import io.bosun.controllers.RunningControllers;
import io.bosun.controllers.pods.PodStates;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The kubectl commands around Deployments, against the controllers and a real apiserver. */
@BosunTest
class KubectlDeploymentIT {
  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: web
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 1
            maxUnavailable: 0
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: main
              image: app:1
      """;

  @Test
  void setImageRolloutStatusHistoryAndUndo(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      kubelet.readyEveryPod(pods);
      Kubectl kubectl = new Kubectl(server, ns.name());
      kubectl.apply("web.yaml", DEPLOYMENT);
      assertThat(kubectl.ok("rollout", "status", "deployment/web", "--timeout=60s"))
          .contains("deployment \"web\" successfully rolled out");

      AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
      Registration watch =
          pods.addHandler(
              EventHandler.onChange(
                  (pod, origin) ->
                      minReady.accumulateAndGet(
                          (int) activePods(pods, ns).stream().filter(PodStates::isReady).count(),
                          Math::min)));
      try {
        assertThat(kubectl.ok("set", "image", "deployment/web", "main=app:2"))
            .contains("deployment.apps/web image updated");
        // Copied to the current ReplicaSet, as Kubernetes does: set it after the new template.
        kubectl.ok("annotate", "deployment/web", "kubernetes.io/change-cause=image app:2");
        assertThat(kubectl.ok("rollout", "status", "deployment/web", "--timeout=60s"))
            .contains("successfully rolled out");
        Await.cache(
            pods,
            () ->
                activePods(pods, ns).size() == 3
                    && activePods(pods, ns).stream().allMatch(p -> image(p).equals("app:2")),
            WAIT,
            "3 pods of app:2");
      } finally {
        watch.remove();
      }
      assertThat(minReady.get()).as("fewest ready pods while kubectl rolled out").isEqualTo(3);

      String history = kubectl.ok("rollout", "history", "deployment/web");
      assertThat(history)
          .containsPattern("(?m)^1\\s+<none>")
          .containsPattern("(?m)^2\\s+image app:2");
      assertThat(kubectl.ok("rollout", "history", "deployment/web", "--revision=1"))
          .contains("Image:\tapp:1");

      assertThat(kubectl.ok("rollout", "undo", "deployment/web"))
          .contains("deployment.apps/web rolled back");
      assertThat(kubectl.ok("rollout", "status", "deployment/web", "--timeout=60s"))
          .contains("successfully rolled out");
      assertThat(
              kubectl.ok(
                  "get",
                  "deployment/web",
                  "-o",
                  "jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}"))
          .isEqualTo("app:1 3");
      assertThat(kubectl.ok("rollout", "history", "deployment/web"))
          .containsPattern("(?m)^2\\s+")
          .containsPattern("(?m)^3\\s+")
          .doesNotContainPattern("(?m)^1\\s+");

      assertThat(kubectl.ok("rollout", "undo", "deployment/web", "--to-revision=2"))
          .contains("rolled back");
      kubectl.ok("rollout", "status", "deployment/web", "--timeout=60s");
      assertThat(
              kubectl.ok(
                  "get",
                  "deployment/web",
                  "-o",
                  "jsonpath={.spec.template.spec.containers[0].image}"))
          .isEqualTo("app:2");
      Await.cache(
          pods,
          () -> activePods(pods, ns).stream().allMatch(p -> image(p).equals("app:2")),
          WAIT,
          "pods of app:2 again");
    }
  }

  @Test
  void scalePauseResumeAndGet(KubeClient client, TestNamespace ns, BosunApiServer server)
      throws Exception {
    try (RunningControllers controllers = RunningControllers.start(client);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      kubelet.readyEveryPod(pods);
      Kubectl kubectl = new Kubectl(server, ns.name());
      kubectl.apply("web.yaml", DEPLOYMENT);
      kubectl.ok("rollout", "status", "deployment/web", "--timeout=60s");

      assertThat(kubectl.ok("scale", "deployment/web", "--replicas=5")).contains("scaled");
      kubectl.ok("rollout", "status", "deployment/web", "--timeout=60s");
      Await.cache(pods, () -> activePods(pods, ns).size() == 5, WAIT, "5 pods");
      assertThat(kubectl.ok("get", "deployment", "web", "--no-headers"))
          .containsPattern("web\\s+5/5\\s+5\\s+5");
      assertThat(kubectl.ok("describe", "deployment", "web"))
          .containsPattern(
              "Replicas:\\s+5 desired \\| 5 updated \\| 5 total \\| 5 available \\| 0 unavailable")
          .containsPattern("NewReplicaSet:\\s+web-\\w+ \\(5/5 replicas created\\)")
          .containsPattern("ScalingReplicaSet\\s+.*Scaled up replica set web-\\w+ from 3 to 5");

      assertThat(kubectl.ok("rollout", "pause", "deployment/web")).contains("paused");
      kubectl.ok("set", "image", "deployment/web", "main=app:2");
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      Await.object(
          deployments,
          ns.name(),
          "web",
          d -> "DeploymentPaused".equals(DeploymentIT.reason(d, "Progressing")),
          WAIT);
      assertThat(activePods(pods, ns)).extracting(DeploymentIT::image).containsOnly("app:1");

      assertThat(kubectl.ok("rollout", "resume", "deployment/web")).contains("resumed");
      kubectl.ok("rollout", "status", "deployment/web", "--timeout=60s");
      Await.cache(
          pods,
          () ->
              activePods(pods, ns).size() == 5
                  && activePods(pods, ns).stream().allMatch(p -> image(p).equals("app:2")),
          WAIT,
          "5 pods of app:2");
    }
  }

  @Test
  void deleteCascadesForegroundAndOrphan(KubeClient client, TestNamespace ns, BosunApiServer server)
      throws Exception {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      Informer<ReplicaSet> replicaSets = controllers.informer(ReplicaSet.class);
      Kubectl kubectl = new Kubectl(server, ns.name());
      kubectl.ok("create", "deployment", "kept", "--image=app:1", "--replicas=2");
      kubectl.ok("create", "deployment", "gone", "--image=app:1", "--replicas=2");
      Await.cache(pods, () -> activePods(pods, ns).size() == 4, WAIT, "4 pods");

      assertThat(kubectl.ok("delete", "deployment", "gone", "--cascade=foreground"))
          .contains("deployment.apps \"gone\" deleted");
      assertThat(kubectl.run("get", "deployment", "gone").exit()).isNotZero();
      List<Pod> left = activePods(pods, ns);
      assertThat(left)
          .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("app", "kept"));

      kubectl.ok("delete", "deployment", "kept", "--cascade=orphan");
      Await.cache(
          replicaSets,
          () ->
              replicaSets.byIndex(Informer.NAMESPACE_INDEX, ns.name()).size() == 1
                  && replicaSets
                      .byIndex(Informer.NAMESPACE_INDEX, ns.name())
                      .get(0)
                      .getMetadata()
                      .getOwnerReferences()
                      .isEmpty(),
          WAIT,
          "the orphaned ReplicaSet");
      assertThat(activePods(pods, ns)).hasSize(2);

      kubectl.ok("delete", "replicaset", "--all");
      Await.cache(pods, () -> activePods(pods, ns).isEmpty(), WAIT, "no pods");
    }
  }

  @Test
  void rolloutStatusFailsOnceTheProgressDeadlineIsExceeded(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Kubectl kubectl = new Kubectl(server, ns.name());
      // No kubelet marks these pods ready: the rollout cannot progress.
      kubectl.ok(
          "apply",
          "-f",
          kubectl
              .file(
                  "stuck.yaml",
                  DEPLOYMENT.replace("replicas: 3", "replicas: 2\n  progressDeadlineSeconds: 2"))
              .toString());
      Kubectl.Result status = kubectl.run("rollout", "status", "deployment/web", "--timeout=60s");
      assertThat(status.exit()).isNotZero();
      assertThat(status.err()).contains("deployment \"web\" exceeded its progress deadline");
      assertThat(
              kubectl.ok(
                  "get",
                  "deployment/web",
                  "-o",
                  "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}"))
          .isEqualTo("ProgressDeadlineExceeded");
    }
  }
}
