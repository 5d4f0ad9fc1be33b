package io.bosun.controllers.scheduler;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.events.EventRecorderOptions;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.runtime.Controller;
import io.bosun.controllers.Workloads;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A scheduler of the test's own, with the test's nodes. The scheduler takes only pods that name it
 * (the harness's pods do): pods that other tests left pending in their namespaces must not land on
 * this test's nodes and change what it measures. Closing stops the scheduler and deletes the test's
 * pods and nodes.
 */
final class SchedulerHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  final TestNodes nodes;
  private final KubeClient client;
  private final TestNamespace ns;
  private final String schedulerName;
  private final SharedInformers informers;
  private final InformerEventSources sources;
  private final EventRecorder events;
  private final Controller scheduler;

  private SchedulerHarness(KubeClient client, TestNamespace ns, Clock clock) {
    this.client = client;
    this.ns = ns;
    this.nodes = new TestNodes(client, ns);
    this.schedulerName = "scheduler-" + ns.name();
    this.informers = SharedInformers.create(client);
    this.sources = InformerEventSources.of(informers);
    this.events =
        EventRecorder.create(
            client, EventRecorderOptions.builder(SchedulerOptions.DEFAULT_SCHEDULER_NAME).build());
    SchedulerOptions options = SchedulerOptions.DEFAULTS.withSchedulerName(schedulerName);
    this.scheduler = SchedulerController.create(client, sources, events, options, clock);
    // As BuiltinControllers does: a placement made on half-filled caches would be wrong.
    sources.informer(Pod.class).whenSynced().await().atMost(WAIT);
    sources.informer(Node.class).whenSynced().await().atMost(WAIT);
    sources.informer(Namespace.class).whenSynced().await().atMost(WAIT);
    scheduler.start(sources);
  }

  static SchedulerHarness start(KubeClient client, TestNamespace ns) {
    return start(client, ns, Clock.systemUTC());
  }

  /** A harness whose scheduler reads the time from {@code clock}. */
  static SchedulerHarness start(KubeClient client, TestNamespace ns, Clock clock) {
    return new SchedulerHarness(client, ns, clock);
  }

  /** The node informer the scheduler reads; its handlers run after the scheduler's. */
  Informer<Node> nodeInformer() {
    return sources.informer(Node.class);
  }

  /** A pod for this scheduler, of one container requesting {@code cpu} (none for null). */
  PodBuilder pod(String name, String cpu) {
    return pod(name, cpu, Map.of());
  }

  /** A pod for this scheduler with {@code labels}, requesting {@code cpu} (none for null). */
  PodBuilder pod(String name, String cpu, Map<String, String> labels) {
    PodBuilder pod =
        new PodBuilder(Workloads.pod(ns.name(), name, labels))
            .editSpec()
            .withSchedulerName(schedulerName)
            .endSpec();
    return cpu == null ? pod : Fixtures.requesting(pod, "cpu", cpu);
  }

  /** A pod for this scheduler with {@code labels}, held to node {@code suffix} by nodeSelector. */
  PodBuilder podOn(String suffix, String name, Map<String, String> labels) {
    return pod(name, null, labels)
        .editSpec()
        .addToNodeSelector(TestNodes.HOSTNAME, nodes.name(suffix))
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
    try {
      scheduler.stop().await().atMost(WAIT);
      events.close();
      informers.close();
      for (Pod pod : client.resources(Pod.class).list(ns.name()).await().atMost(WAIT).items()) {
        deleteNow(pod.getMetadata().getName());
      }
    } finally {
      nodes.close();
    }
  }
}
