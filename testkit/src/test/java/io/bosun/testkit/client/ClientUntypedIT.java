package io.bosun.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@BosunTest
class ClientUntypedIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void readsAndWritesGenericResources(KubeClient client, TestNamespace ns) {
    ResourceClient<GenericKubernetesResource> leases =
        client.resources(
            ResourceDescriptor.generic("coordination.k8s.io/v1", "Lease", "leases", true));
    GenericKubernetesResource lease =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("coordination.k8s.io/v1")
            .withKind("Lease")
            .withNewMetadata()
            .withNamespace(ns.name())
            .withName("leader")
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", Map.of("holderIdentity", "pod-a")))
            .build();

    leases.create(lease).await().atMost(WAIT);
    GenericKubernetesResource read = leases.get(ns.name(), "leader").await().atMost(WAIT);

    assertThat(read.<String>get("spec", "holderIdentity")).isEqualTo("pod-a");
    assertThat(leases.list(ns.name()).await().atMost(WAIT).items())
        .extracting(GenericKubernetesResource::getKind)
        .containsExactly("Lease");
  }

  @Test
  void readsAndWritesJsonTrees(KubeClient client, TestNamespace ns) {
    ResourceClient<ObjectNode> configMaps =
        client.resources(ResourceDescriptor.untyped("v1", "ConfigMap", "configmaps", true));
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("apiVersion", "v1").put("kind", "ConfigMap");
    tree.putObject("metadata").put("namespace", ns.name()).put("name", "tree");
    tree.putObject("data").put("x", "y");

    configMaps.create(tree).await().atMost(WAIT);
    ObjectNode read = configMaps.get(ns.name(), "tree").await().atMost(WAIT);

    assertThat(read.path("data").path("x").asText()).isEqualTo("y");
    assertThat(read.path("metadata").path("uid").asText()).isNotEmpty();
  }
}
