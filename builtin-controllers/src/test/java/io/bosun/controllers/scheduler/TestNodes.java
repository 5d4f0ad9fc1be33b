package io.bosun.controllers.scheduler;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nodes a test registers as a kubelet would (labels, allocatable, a Ready condition in the status),
 * named after the test's namespace so that tests never share one, and deleted on close: nodes are
 * cluster-wide, and the next test must not see them.
 */
final class TestNodes implements AutoCloseable {
  static final String HOSTNAME = "kubernetes.io/hostname";
  static final String ZONE = "topology.kubernetes.io/zone";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final KubeClient client;
  private final TestNamespace ns;
  private final List<String> created = new ArrayList<>();

  TestNodes(KubeClient client, TestNamespace ns) {
    this.client = client;
    this.ns = ns;
  }

  /** A Ready node with {@code cpu} and {@code memory} allocatable and room for 110 pods. */
  NodeBuilder node(String suffix, String cpu, String memory) {
    Map<String, Quantity> resources =
        Map.of(
            "cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name(suffix))
        .addToLabels(HOSTNAME, name(suffix))
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withAllocatable(resources)
        .withCapacity(resources)
        .withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True").build())
        .endStatus();
  }

  /** The full name of the node {@code suffix}. */
  String name(String suffix) {
    return ns.name() + "-" + suffix;
  }

  /** Creates the node, then writes its status as its kubelet would. */
  Node create(NodeBuilder builder) {
    Node wanted = builder.build();
    created.add(wanted.getMetadata().getName());
    Node node = client.resources(Node.class).create(wanted).await().atMost(WAIT);
    node.setStatus(wanted.getStatus());
    return client.resources(Node.class).updateStatus(node).await().atMost(WAIT);
  }

  @Override
  public void close() {
    for (String node : created) {
      client
          .resources(Node.class)
          .delete(null, node)
          .onFailure(NotFoundException.class)
          .recoverWithNull()
          .await()
          .atMost(WAIT);
    }
  }
}
