package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/** Nodes and pods for the unit tests of the scheduler's checks and scores. */
final class Fixtures {
  private Fixtures() {}

  /** A Ready node with {@code cpu} and {@code memory} allocatable, room for 110 pods, labels. */
  static NodeBuilder node(String name, String cpu, String memory, Map<String, String> labels) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .addToLabels(TestNodes.HOSTNAME, name)
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withAllocatable(
            Map.of(
                "cpu",
                new Quantity(cpu),
                "memory",
                new Quantity(memory),
                "pods",
                new Quantity("110")))
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus();
  }

  /** A pod in {@code namespace} with {@code labels}, of one container requesting {@code cpu}. */
  static PodBuilder pod(String namespace, String name, String cpu, Map<String, String> labels) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("app")
            .endContainer()
            .endSpec();
    return cpu == null ? pod : requesting(pod, "cpu", cpu);
  }

  /** The pod with its first container requesting {@code amount} of {@code resource} more. */
  static PodBuilder requesting(PodBuilder pod, String resource, String amount) {
    return pod.editSpec()
        .editFirstContainer()
        .editOrNewResources()
        .addToRequests(resource, new Quantity(amount))
        .endResources()
        .endContainer()
        .endSpec();
  }

  /** A pod affinity term for the pods labelled {@code key=value}, over {@code topologyKey}. */
  static PodAffinityTerm term(String key, String value, String topologyKey) {
    return new PodAffinityTermBuilder()
        .withNewLabelSelector()
        .addToMatchLabels(key, value)
        .endLabelSelector()
        .withTopologyKey(topologyKey)
        .build();
  }

  /** The node with {@code pods} bound to it. */
  static NodeInfo info(Node node, Pod... pods) {
    for (Pod pod : pods) {
      pod.getSpec().setNodeName(node.getMetadata().getName());
    }
    return NodeInfo.of(node, List.of(pods));
  }
}
