package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.SchedulerPods.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controllers.RunningControllers;
import io.bosun.controllers.Workloads;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The default scheduler as {@code bosun server} runs it, among the other built-in controllers: it
 * places the pods of a Deployment and leaves alone the pods that name another scheduler.
 */
@BosunTest
class DefaultSchedulerIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void spreadsTheReplicasOfADeploymentEvenlyOverTheNodes(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client);
        TestNodes nodes = new TestNodes(client, ns)) {
      for (String node : List.of("a", "b", "c")) {
        nodes.create(nodes.node(node, "16", "32Gi"));
      }
      client
          .resources(Pod.class)
          .create(
              new PodBuilder(Workloads.pod(ns.name(), "not-mine", Map.of()))
                  .editSpec()
                  .withSchedulerName("another-scheduler")
                  .endSpec()
                  .build())
          .await()
          .atMost(WAIT);

      client
          .resources(Deployment.class)
          .create(Workloads.deployment(ns.name(), "web", 6, "registry.example/web:1"))
          .await()
          .atMost(WAIT);

      Informer<Pod> pods = controllers.informer(Pod.class);
      Await.cache(
          pods,
          () -> webPods(pods, ns).size() == 6 && webPods(pods, ns).stream().allMatch(p -> bound(p)),
          WAIT,
          "6 bound pods of web");
      Map<String, Long> perNode =
          webPods(pods, ns).stream()
              .collect(
                  Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
      assertThat(perNode)
          .isEqualTo(Map.of(nodes.name("a"), 2L, nodes.name("b"), 2L, nodes.name("c"), 2L));
      Pod first = webPods(pods, ns).get(0);
      assertThat(event(client, ns, first.getMetadata().getName(), "Scheduled").getMessage())
          .isEqualTo(
              "Successfully assigned "
                  + ns.name()
                  + "/"
                  + first.getMetadata().getName()
                  + " to "
                  + first.getSpec().getNodeName());
      assertThat(pods.get(ns.name(), "not-mine").map(p -> bound(p))).contains(false);
    }
  }

  private static List<Pod> webPods(Informer<Pod> pods, TestNamespace ns) {
    return pods.list().stream()
        .filter(p -> ns.name().equals(p.getMetadata().getNamespace()))
        .filter(p -> "web".equals(p.getMetadata().getLabels().get("app")))
        .toList();
  }

  private static boolean bound(Pod pod) {
    String node = pod.getSpec().getNodeName();
    return node != null && !node.isEmpty();
  }
}
