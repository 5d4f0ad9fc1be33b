package io.bosun.testkit.client;

import static io.bosun.testkit.TestObjects.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.client.ConflictException;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@BosunTest
class ClientSubresourcesIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void patchesWithMergeJsonAndStrategicMergePatches(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    configMaps
        .create(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(ns.name())
                .withName("patched")
                .endMetadata()
                .withData(Map.of("keep", "1", "drop", "2"))
                .build())
        .await()
        .atMost(WAIT);
    Map<String, Object> data = new HashMap<>();
    data.put("drop", null);
    data.put("added", "3");
    ConfigMap merged =
        configMaps
            .patch(ns.name(), "patched", Patch.merge(Map.of("data", data)))
            .await()
            .atMost(WAIT);
    assertThat(merged.getData()).containsOnlyKeys("keep", "added");

    ConfigMap jsonPatched =
        configMaps
            .patch(
                ns.name(),
                "patched",
                Patch.json("[{\"op\":\"replace\",\"path\":\"/data/keep\",\"value\":\"9\"}]"))
            .await()
            .atMost(WAIT);
    assertThat(jsonPatched.getData()).containsEntry("keep", "9");

    ResourceClient<Deployment> deployments = client.resources(Deployment.class);
    deployments.create(deployment(ns.name(), "web")).await().atMost(WAIT);
    Deployment strategic =
        deployments
            .patch(
                ns.name(),
                "web",
                Patch.strategicMerge(
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                        + "[{\"name\":\"web\",\"image\":\"nginx:2\"}]}}}}"))
            .await()
            .atMost(WAIT);
    // Strategic merge keys containers by name: the sidecar stays, only web's image changes.
    assertThat(strategic.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName() + "=" + c.getImage())
        .containsExactly("web=nginx:2", "sidecar=busybox:1");
  }

  @Test
  void readsAndWritesTheScaleAndStatusSubresources(KubeClient client, TestNamespace ns) {
    ResourceClient<Deployment> deployments = client.resources(Deployment.class);
    deployments.create(deployment(ns.name(), "scaled")).await().atMost(WAIT);

    Scale scale = deployments.getScale(ns.name(), "scaled").await().atMost(WAIT);
    assertThat(scale.getSpec().getReplicas()).isEqualTo(1);
    scale.getSpec().setReplicas(3);
    Scale updated = deployments.updateScale(ns.name(), "scaled", scale).await().atMost(WAIT);
    assertThat(updated.getSpec().getReplicas()).isEqualTo(3);
    deployments
        .patchScale(ns.name(), "scaled", Patch.merge("{\"spec\":{\"replicas\":4}}"))
        .await()
        .atMost(WAIT);
    assertThat(deployments.get(ns.name(), "scaled").await().atMost(WAIT).getSpec().getReplicas())
        .isEqualTo(4);

    Deployment current = deployments.get(ns.name(), "scaled").await().atMost(WAIT);
    current.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
    current.getStatus().setObservedGeneration(current.getMetadata().getGeneration());
    current.getStatus().setReplicas(2);
    Deployment withStatus = deployments.updateStatus(current).await().atMost(WAIT);
    assertThat(withStatus.getStatus().getReplicas()).isEqualTo(2);

    Deployment patchedStatus =
        deployments
            .patchStatus(
                ns.name(),
                "scaled",
                Patch.merge("{\"status\":{\"readyReplicas\":1}}"),
                new PatchOptions())
            .await()
            .atMost(WAIT);
    assertThat(patchedStatus.getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(patchedStatus.getStatus().getReplicas()).isEqualTo(2);
  }

  @Test
  void postsABindingOnceAndIsRefusedTheSecondTime(KubeClient client, TestNamespace ns) {
    ResourceClient<Pod> pods = client.resources(Pod.class);
    pods.create(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace(ns.name())
                .withName("pending")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build())
        .await()
        .atMost(WAIT);
    Binding binding =
        new BindingBuilder()
            .withNewMetadata()
            .withName("pending")
            .withNamespace(ns.name())
            .endMetadata()
            .withNewTarget()
            .withKind("Node")
            .withName("node-a")
            .endTarget()
            .build();

    pods.post(ns.name(), "pending", "binding", binding).await().atMost(WAIT);

    assertThat(pods.get(ns.name(), "pending").await().atMost(WAIT).getSpec().getNodeName())
        .isEqualTo("node-a");
    assertThatThrownBy(
            () -> pods.post(ns.name(), "pending", "binding", binding).await().atMost(WAIT))
        .isInstanceOf(ConflictException.class);
  }
}
