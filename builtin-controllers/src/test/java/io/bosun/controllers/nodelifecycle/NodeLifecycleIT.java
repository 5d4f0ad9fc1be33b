package io.bosun.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controllers.FakeKubelet;
import io.bosun.controllers.Kubectl;
import io.bosun.controllers.RunningControllers;
import io.bosun.controllers.Workloads;
import io.bosun.controllers.ownership.ControllerRefs;
import io.bosun.controllers.pods.PodStates;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A node that stops heartbeating, against a real apiserver: the test plays two kubelets (Nodes and
 * their Leases) and the scheduler (bindings through pods/binding).
 */
@BosunTest
class NodeLifecycleIT {
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final long TOLERATION_SECONDS = 2;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aNodeThatStopsHeartbeatingHasItsPodsEvictedAndRecreatedOnAnotherNode(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    String a = "a-" + ns.name();
    String b = "b-" + ns.name();
    Kubectl kubectl = new Kubectl(server, ns.name());
    ResourceClient<Pod> podClient = client.resources(Pod.class);
    try (RunningControllers controllers =
            RunningControllers.start(
                client, NodeLifecycleOptions.builder().nodeMonitorGracePeriod(GRACE).build());
        FakeNode nodeA = FakeNode.register(client, a);
        FakeNode nodeB = FakeNode.register(client, b);
        FakeKubelet kubelet = new FakeKubelet(client, ns.name())) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      Informer<Node> nodes = controllers.informer(Node.class);
      AtomicReference<Instant> taintSeen = new AtomicReference<>();
      Map<String, Instant> deletionSeen = new ConcurrentHashMap<>();
      nodes.addHandler(
          EventHandler.onChange(
              (node, origin) -> {
                if (node.getMetadata().getName().equals(a) && unreachable(node)) {
                  taintSeen.compareAndSet(null, Instant.now());
                }
              }));
      pods.addHandler(
          EventHandler.onChange(
              (pod, origin) -> {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                  deletionSeen.putIfAbsent(pod.getMetadata().getName(), Instant.now());
                }
              }));

      ReplicaSet rs = Workloads.replicaSet(ns.name(), "web", 3);
      rs.getSpec()
          .getTemplate()
          .getSpec()
          .setTolerations(List.of(unreachableFor(TOLERATION_SECONDS)));
      // The test places the pods itself, so the default scheduler must leave them alone.
      rs.getSpec().getTemplate().getSpec().setSchedulerName("node-lifecycle-test");
      ReplicaSet created = client.resources(ReplicaSet.class).create(rs).await().atMost(WAIT);
      Await.cache(pods, () -> pending(pods, ns).size() == 3, WAIT, "3 pending pods of web");
      List<String> first = bindPending(kubectl, pods, ns, a);
      first.forEach(kubelet::markReady);
      Pod stays = Workloads.pod(ns.name(), "stays", Map.of("app", "other"));
      stays.getSpec().setNodeName(a);
      stays.getSpec().setTolerations(List.of(unreachableFor(null)));
      podClient.create(stays).await().atMost(WAIT);
      kubelet.markReady("stays");
      Await.cache(pods, () -> active(pods, ns.name(), a).size() == 4, WAIT, "4 pods on " + a);

      nodeA.stopHeartbeats();

      Node lost = Await.cached(nodes, "", a, NodeLifecycleIT::unreachable, WAIT);
      assertThat(lost.getStatus().getConditions())
          .filteredOn(c -> NodeHealth.KUBELET_CONDITIONS.contains(c.getType()))
          .hasSize(4)
          .allSatisfy(
              c -> {
                assertThat(c.getStatus()).isEqualTo("Unknown");
                assertThat(c.getReason()).isEqualTo("NodeStatusUnknown");
                assertThat(c.getMessage()).isEqualTo("Kubelet stopped posting node status.");
              });
      assertThat(lost.getSpec().getTaints())
          .extracting(Taint::getKey, Taint::getEffect)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(Taints.UNREACHABLE, "NoExecute"),
              org.assertj.core.groups.Tuple.tuple(Taints.UNREACHABLE, "NoSchedule"));
      assertThat(lost.getSpec().getTaints())
          .allSatisfy(t -> assertThat(t.getTimeAdded()).isNotNull());

      Await.cache(
          pods,
          () -> first.stream().allMatch(deletionSeen::containsKey),
          WAIT,
          "the pods of web on " + a + " evicted");
      for (String name : first) {
        assertThat(Duration.between(taintSeen.get(), deletionSeen.get(name)))
            .as("%s evicted after its %d s toleration, not before", name, TOLERATION_SECONDS)
            .isGreaterThanOrEqualTo(Duration.ofSeconds(TOLERATION_SECONDS).minusMillis(200));
        Pod evicted = pods.get(ns.name(), name).orElseThrow();
        assertThat(evicted.getStatus().getConditions())
            .filteredOn(c -> c.getType().equals("DisruptionTarget"))
            .extracting(PodCondition::getStatus, PodCondition::getReason)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("True", "DeletionByTaintManager"));
      }

      Await.cache(pods, () -> pending(pods, ns).size() == 3, WAIT, "3 replacements of web");
      List<String> replacements = bindPending(kubectl, pods, ns, b);
      assertThat(replacements).doesNotContainAnyElementsOf(first);
      Await.cache(pods, () -> owned(pods, created, b).size() == 3, WAIT, "3 pods of web on " + b);

      List<Event> events =
          client.resources(Event.class).list(ns.name()).await().atMost(WAIT).items();
      for (String name : first) {
        assertThat(events)
            .as("eviction event of %s", name)
            .anySatisfy(
                e -> {
                  assertThat(e.getReason()).isEqualTo("TaintManagerEviction");
                  assertThat(e.getMessage())
                      .isEqualTo("Marking for deletion Pod " + ns.name() + "/" + name);
                });
      }
      Pod stayed = pods.get(ns.name(), "stays").orElseThrow();
      assertThat(stayed.getMetadata().getDeletionTimestamp())
          .as("a pod that tolerates unreachable nodes for ever stays")
          .isNull();
      assertThat(PodStates.isReady(stayed)).as("marked not Ready with its node").isFalse();
      Node healthy = nodes.get("", b).orElseThrow();
      assertThat(ready(healthy)).isEqualTo("True");
      assertThat(Taints.current(healthy)).isEmpty();

      nodeA.resume();

      Node back =
          Await.cached(
              nodes, "", a, n -> "True".equals(ready(n)) && Taints.current(n).isEmpty(), WAIT);
      assertThat(ready(back)).isEqualTo("True");
      assertThat(client.resources(Event.class).list("default").await().atMost(WAIT).items())
          .anySatisfy(
              e -> {
                assertThat(e.getInvolvedObject().getName()).isEqualTo(a);
                assertThat(e.getReason()).isEqualTo("NodeNotReady");
              });
      assertThat(pods.get(ns.name(), "stays").orElseThrow().getMetadata().getDeletionTimestamp())
          .isNull();
    } finally {
      // The evicted pods wait for a kubelet that will not come: let them go.
      for (Pod pod : podClient.list(ns.name()).await().atMost(WAIT).items()) {
        podClient
            .delete(
                ns.name(),
                pod.getMetadata().getName(),
                new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build())
            .onFailure()
            .recoverWithNull()
            .await()
            .atMost(WAIT);
      }
    }
  }

  private static Toleration unreachableFor(Long seconds) {
    return new TolerationBuilder()
        .withKey(Taints.UNREACHABLE)
        .withOperator("Exists")
        .withEffect("NoExecute")
        .withTolerationSeconds(seconds)
        .build();
  }

  private static boolean unreachable(Node node) {
    return Taints.noExecute(node).stream().anyMatch(t -> Taints.UNREACHABLE.equals(t.getKey()));
  }

  private static String ready(Node node) {
    return Taints.condition(node, "Ready").map(NodeCondition::getStatus).orElse("");
  }

  private static List<Pod> pending(Informer<Pod> pods, TestNamespace ns) {
    return pods.byIndex(Informer.NAMESPACE_INDEX, ns.name()).stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty())
        .toList();
  }

  private static List<Pod> active(Informer<Pod> pods, String namespace, String node) {
    return pods.byIndex(Informer.NAMESPACE_INDEX, namespace).stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> node.equals(p.getSpec().getNodeName()))
        .toList();
  }

  private static List<Pod> owned(Informer<Pod> pods, ReplicaSet rs, String node) {
    return active(pods, rs.getMetadata().getNamespace(), node).stream()
        .filter(
            p ->
                ControllerRefs.controllerOf(p)
                    .filter(ref -> ref.getUid().equals(rs.getMetadata().getUid()))
                    .isPresent())
        .toList();
  }

  /** Binds every pending pod to {@code node} through pods/binding, as a scheduler would. */
  private static List<String> bindPending(
      Kubectl kubectl, Informer<Pod> pods, TestNamespace ns, String node) throws Exception {
    List<String> names = pending(pods, ns).stream().map(p -> p.getMetadata().getName()).toList();
    for (String name : names) {
      var binding =
          kubectl.file(
              name + "-binding.json",
              "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\""
                  + name
                  + "\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\""
                  + node
                  + "\"}}");
      kubectl.ok(
          "create",
          "--raw",
          "/api/v1/namespaces/" + ns.name() + "/pods/" + name + "/binding",
          "-f",
          binding.toString());
    }
    return names;
  }
}
