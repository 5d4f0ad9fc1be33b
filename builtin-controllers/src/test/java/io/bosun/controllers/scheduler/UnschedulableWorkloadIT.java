package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.SchedulerPods.failedScheduling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controllers.RunningControllers;
import io.bosun.controllers.Workloads;
import io.bosun.controllers.deployment.DeploymentController;
import io.bosun.controllers.nodelifecycle.NodeLifecycleOptions;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A Deployment whose pods no node can ever take is reported (FailedScheduling, PodScheduled=False,
 * the Deployment not Available) and then left alone: once settled, the workload controllers'
 * reconcile counts stay flat instead of retrying in a loop.
 */
@BosunTest
class UnschedulableWorkloadIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String RECONCILES = "bosun.controller.reconciles";
  // The controllers the bad workload concerns. Node lifecycle and namespaces keep their own
  // cadence (heartbeat checks, other tests' namespaces) and say nothing about this workload.
  static final Set<String> WORKLOAD_CONTROLLERS =
      Set.of(DeploymentController.NAME, "replicaset-controller", "scheduler");

  @Test
  void reportsAWorkloadNoNodeCanTakeAndThenStopsReconcilingIt(KubeClient client, TestNamespace ns) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.globalRegistry.add(meters);
    // A long grace period: the test's node sends no heartbeats and must stay Ready meanwhile.
    NodeLifecycleOptions patientNodes =
        NodeLifecycleOptions.builder().nodeMonitorGracePeriod(Duration.ofMinutes(10)).build();
    try (RunningControllers controllers = RunningControllers.start(client, patientNodes);
        TestNodes nodes = new TestNodes(client, ns)) {
      nodes.create(nodes.node("small", "2", "4Gi"));
      Deployment huge = Workloads.deployment(ns.name(), "huge", 3, "app:1");
      huge.getSpec()
          .getTemplate()
          .getSpec()
          .getContainers()
          .get(0)
          .setResources(
              new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("64")).build());
      ResourceClient<Deployment> deployments = client.resources(Deployment.class);
      deployments.create(huge).await().atMost(WAIT);

      Informer<Pod> pods = controllers.informer(Pod.class);
      Await.cache(pods, () -> podsIn(pods, ns).size() == 3, WAIT, "3 pods");
      String pod = podsIn(pods, ns).get(0).getMetadata().getName();
      assertThat(failedScheduling(client, ns, pod).getMessage()).contains("Insufficient cpu");
      Deployment reported =
          Await.object(
              deployments,
              ns.name(),
              "huge",
              d ->
                  d.getStatus() != null
                      && d.getStatus().getConditions() != null
                      && d.getStatus().getConditions().stream()
                          .anyMatch(c -> "Available".equals(c.getType())),
              WAIT);
      assertThat(reported.getStatus().getConditions())
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Available");
                assertThat(c.getStatus()).isEqualTo("False");
              });

      // Settled: two readings two seconds apart agree. Then nothing more for five seconds.
      AtomicReference<Map<String, Double>> last = new AtomicReference<>(Map.of());
      await("the controllers settle")
          .pollInterval(Duration.ofSeconds(2))
          .atMost(WAIT)
          .until(() -> last.getAndSet(reconciles(meters)).equals(last.get()));
      Map<String, Double> settled = reconciles(meters);
      assertThat(settled.get("scheduler")).as("the scheduler's reconciles").isPositive();
      await("no further reconciles")
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(8))
          .until(() -> reconciles(meters).equals(settled));
    } finally {
      Metrics.globalRegistry.remove(meters);
      meters.close();
    }
  }

  private static List<Pod> podsIn(Informer<Pod> pods, TestNamespace ns) {
    return pods.list().stream()
        .filter(p -> ns.name().equals(p.getMetadata().getNamespace()))
        .toList();
  }

  /** The workload controllers' reconcile counts, all outcomes together, by controller. */
  private static Map<String, Double> reconciles(SimpleMeterRegistry meters) {
    Map<String, Double> counts = new TreeMap<>();
    for (Counter counter : meters.find(RECONCILES).counters()) {
      String controller = counter.getId().getTag("controller");
      if (WORKLOAD_CONTROLLERS.contains(controller)) {
        counts.merge(controller, counter.count(), Double::sum);
      }
    }
    return counts;
  }
}
