package io.bosun.bench;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays {@code count} kubelets for the scale benchmark: registers each Node with allocatable and a
 * Ready condition, renews its Lease in kube-node-lease every 10 s (a kubelet's default), and marks
 * every pod bound to one of them Running and Ready through pods/status as soon as the pod watch
 * shows it bound, so that containers start in no time and what is measured is the control plane.
 * Records each pod's start-up latency: from the first sight of the pod on the watch to the first
 * sight of it Ready.
 */
final class SimulatedNodes implements AutoCloseable {
  private static final Duration WRITE = Duration.ofSeconds(30);
  private static final Duration RENEW_INTERVAL = Duration.ofSeconds(10);
  private static final String LEASES = "kube-node-lease";
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  private final KubeClient client;
  private final String namespace;
  private final List<String> names = new ArrayList<>();
  private final Map<String, Long> seen = new ConcurrentHashMap<>();
  private final Set<String> marked = ConcurrentHashMap.newKeySet();
  private final Set<String> measured = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Latencies> startup = new AtomicReference<>(new Latencies());
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "simulated-heartbeats"));

  private SimulatedNodes(KubeClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Registers {@code count} nodes and starts their heartbeats and their kubelet. */
  static SimulatedNodes start(KubeClient client, int count, String namespace, Informer<Pod> pods) {
    SimulatedNodes nodes = new SimulatedNodes(client, namespace);
    for (int i = 0; i < count; i++) {
      nodes.register(String.format("node-%03d", i));
    }
    nodes.heartbeats.scheduleAtFixedRate(
        nodes::renewLeases,
        RENEW_INTERVAL.toMillis(),
        RENEW_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    pods.addHandler(EventHandler.onChange((pod, origin) -> nodes.observe(pod)));
    return nodes;
  }

  private void register(String name) {
    Map<String, Quantity> resources =
        Map.of(
            "cpu",
            new Quantity("32"),
            "memory",
            new Quantity("128Gi"),
            "pods",
            new Quantity("110"));
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Node wanted =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels("kubernetes.io/hostname", name)
            .endMetadata()
            .withNewStatus()
            .withAllocatable(resources)
            .withCapacity(resources)
            .withConditions(
                new NodeConditionBuilder()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("KubeletReady")
                    .withLastHeartbeatTime(now)
                    .withLastTransitionTime(now)
                    .build())
            .endStatus()
            .build();
    Node node = client.resources(Node.class).create(wanted).await().atMost(WRITE);
    node.setStatus(wanted.getStatus());
    client.resources(Node.class).updateStatus(node).await().atMost(WRITE);
    client
        .resources(Lease.class)
        .create(
            new LeaseBuilder()
                .withNewMetadata()
                .withNamespace(LEASES)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(name)
                .withLeaseDurationSeconds(40)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                .endSpec()
                .build())
        .await()
        .atMost(WRITE);
    names.add(name);
  }

  private void renewLeases() {
    String renewTime = MICRO_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    for (String name : names) {
      client
          .resources(Lease.class)
          .patch(LEASES, name, Patch.merge(Map.of("spec", Map.of("renewTime", renewTime))))
          .subscribe()
          .with(ok -> {}, failure -> System.err.println("lease renewal failed: " + failure));
    }
  }

  /** The kubelet's part: start the clock on a new pod, mark a bound one Ready, stop at Ready. */
  private void observe(Pod pod) {
    if (!namespace.equals(pod.getMetadata().getNamespace())) {
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      // A kubelet stops the containers, then deletes the pod for good.
      client
          .resources(Pod.class)
          .delete(
              namespace,
              pod.getMetadata().getName(),
              new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build())
          .onFailure(NotFoundException.class)
          .recoverWithNull()
          .subscribe()
          .with(ok -> {}, failure -> System.err.println("pod deletion failed: " + failure));
      return;
    }
    String uid = pod.getMetadata().getUid();
    long now = System.nanoTime();
    Long first = seen.putIfAbsent(uid, now);
    if (ready(pod)) {
      if (measured.add(uid)) {
        startup.get().add(now - (first == null ? now : first));
      }
      return;
    }
    String node = pod.getSpec().getNodeName();
    if (node != null && !node.isEmpty() && marked.add(uid)) {
      client
          .resources(Pod.class)
          .patchStatus(
              namespace,
              pod.getMetadata().getName(),
              Patch.merge(readyStatus()),
              new PatchOptions())
          .onFailure(NotFoundException.class)
          .recoverWithNull()
          .subscribe()
          .with(ok -> {}, failure -> System.err.println("pod status failed: " + failure));
    }
  }

  private static boolean ready(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if ("Ready".equals(condition.getType())) {
        return "True".equals(condition.getStatus());
      }
    }
    return false;
  }

  private static Map<String, Object> readyStatus() {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return Map.of(
        "status",
        Map.of(
            "phase",
            "Running",
            "conditions",
            List.of(
                Map.of("type", "Ready", "status", "True", "lastTransitionTime", now),
                Map.of("type", "ContainersReady", "status", "True", "lastTransitionTime", now))));
  }

  /** The start-up latencies of the pods that became Ready since the last call. */
  Latencies drainStartupLatencies() {
    return startup.getAndSet(new Latencies());
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
  }
}
