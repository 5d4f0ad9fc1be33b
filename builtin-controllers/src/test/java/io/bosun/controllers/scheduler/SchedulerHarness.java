package io.bosun.controllers.scheduler;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.events.EventRecorderOptions;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.runtime.Controller;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running scheduler and the nodes a test made for it, played as a kubelet would register them
 * (allocatable and a Ready condition in the status). Closing stops the scheduler and deletes the
 * test's pods and nodes: nodes are cluster-wide, and the next test must not see them.
 */
final class SchedulerHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final KubeClient client;
  private final TestNamespace ns;
  private final SharedInformers informers;
  private final EventRecorder events;
  private final Controller scheduler;
  private final List<String> nodes = new ArrayList<>();

  private SchedulerHarness(KubeClient client, TestNamespace ns) {
    this.client = client;
    this.ns = ns;
    this.informers = SharedInformers.create(client);
    InformerEventSources sources = InformerEventSources.of(informers);
    this.events =
        EventRecorder.create(client, EventRecorderOptions.builder("default-scheduler").build());
    this.scheduler = SchedulerController.create(client, sources, events, SchedulerOptions.DEFAULTS);
    scheduler.start(sources);
  }

  static SchedulerHarness start(KubeClient client, TestNamespace ns) {
    return new SchedulerHarness(client, ns);
  }

  /** A node named after the test's namespace, so that tests never share one. */
  NodeBuilder node(String suffix, String cpu, String memory) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(nodeName(suffix))
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
        .withCapacity(
            Map.of(
                "cpu",
                new Quantity(cpu),
                "memory",
                new Quantity(memory),
                "pods",
                new Quantity("110")))
        .withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True").build())
        .endStatus();
  }

  String nodeName(String suffix) {
    return ns.name() + "-" + suffix;
  }

  /** Creates the node, then writes its status as its kubelet would. */
  Node create(NodeBuilder builder) {
    Node wanted = builder.build();
    nodes.add(wanted.getMetadata().getName());
    Node created = client.resources(Node.class).create(wanted).await().atMost(WAIT);
    created.setStatus(wanted.getStatus());
    return client.resources(Node.class).updateStatus(created).await().atMost(WAIT);
  }

  /** A pod of one container requesting {@code cpu} (none for null). */
  PodBuilder pod(String name, String cpu) {
    ContainerBuilder container = new ContainerBuilder().withName("app").withImage("busybox");
    if (cpu != null) {
      container.withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources();
    }
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns.name())
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withContainers(container.build())
        .endSpec();
  }

  Pod create(PodBuilder builder) {
    return client.resources(Pod.class).create(builder.build()).await().atMost(WAIT);
  }

  Pod get(String pod) {
    return client.resources(Pod.class).get(ns.name(), pod).await().atMost(WAIT);
  }

  /** Deletes a pod at once, as its kubelet would confirm once the containers stopped. */
  void deleteNow(String pod) {
    client
        .resources(Pod.class)
        .delete(ns.name(), pod, new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build())
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .await()
        .atMost(WAIT);
  }

  @Override
  public void close() {
    scheduler.stop().await().atMost(WAIT);
    events.close();
    informers.close();
    for (Pod pod : client.resources(Pod.class).list(ns.name()).await().atMost(WAIT).items()) {
      deleteNow(pod.getMetadata().getName());
    }
    for (String node : nodes) {
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
