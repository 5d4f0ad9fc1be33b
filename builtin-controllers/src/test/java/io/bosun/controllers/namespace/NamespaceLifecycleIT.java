package io.bosun.controllers.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controllers.RunningControllers;
import io.bosun.controllers.Workloads;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A namespace deletion empties the namespace, reports what holds it, then removes it. */
@BosunTest
class NamespaceLifecycleIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void emptiesATerminatingNamespaceReportsWhatRemainsThenFinalizesIt(
      KubeClient client, TestNamespace test) {
    String name = test.name() + "-doomed";
    try (RunningControllers controllers = RunningControllers.start(client)) {
      ResourceClient<Namespace> namespaces = client.resources(Namespace.class);
      namespaces
          .create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .await()
          .atMost(WAIT);
      ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
      configMaps.create(configMap(name, "plain", null)).await().atMost(WAIT);
      configMaps.create(configMap(name, "held", "example.com/hold")).await().atMost(WAIT);
      client
          .resources(Deployment.class)
          .create(Workloads.deployment(name, "web", 2, "app:1"))
          .await()
          .atMost(WAIT);
      Informer<Pod> pods = controllers.informer(Pod.class);
      Await.cache(
          pods, () -> pods.byIndex(Informer.NAMESPACE_INDEX, name).size() == 2, WAIT, "2 pods");

      namespaces.delete(null, name).await().atMost(WAIT);

      Namespace held =
          Await.object(
              namespaces,
              null,
              name,
              ns ->
                  "True".equals(status(ns, DeletionConditions.FINALIZERS_REMAINING))
                      && "True".equals(status(ns, DeletionConditions.CONTENT_REMAINING)),
              WAIT);
      assertThat(held.getStatus().getPhase()).isEqualTo("Terminating");
      assertThat(condition(held, DeletionConditions.FINALIZERS_REMAINING).getMessage())
          .isEqualTo(
              "Some content in the namespace has finalizers remaining: example.com/hold in 1"
                  + " resource instances");
      assertThat(condition(held, DeletionConditions.CONTENT_REMAINING).getMessage())
          .isEqualTo("Some resources are remaining: configmaps has 1 resource instances");
      assertThat(condition(held, DeletionConditions.CONTENT_FAILURE).getStatus())
          .isEqualTo("False");
      Await.absent(configMaps, name, "plain", WAIT);
      Await.absent(client.resources(Deployment.class), name, "web", WAIT);
      Await.cache(
          pods, () -> pods.byIndex(Informer.NAMESPACE_INDEX, name).isEmpty(), WAIT, "no pods");

      configMaps
          .patch(
              name,
              "held",
              Patch.merge(Map.of("metadata", Map.of("finalizers", java.util.List.of()))))
          .await()
          .atMost(WAIT);
      Await.absent(namespaces, null, name, WAIT);
    }
  }

  private static ConfigMap configMap(String namespace, String name, String finalizer) {
    ConfigMapBuilder builder =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withData(Map.of("k", "v"));
    if (finalizer != null) {
      builder.editMetadata().withFinalizers(finalizer).endMetadata();
    }
    return builder.build();
  }

  private static NamespaceCondition condition(Namespace ns, String type) {
    if (ns.getStatus() == null || ns.getStatus().getConditions() == null) {
      return null;
    }
    return ns.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static String status(Namespace ns, String type) {
    NamespaceCondition c = condition(ns, type);
    return c == null ? null : c.getStatus();
  }
}
