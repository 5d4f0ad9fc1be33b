package io.bosun.controllers.nodelifecycle;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays a kubelet's node-level duties, since no node agent runs in these tests: registers a Node
 * with Ready=True, renews its Lease in kube-node-lease every {@link #BEAT}, stops and resumes.
 */
final class FakeNode implements AutoCloseable {
  static final Duration BEAT = Duration.ofMillis(300);
  private static final Duration WRITE = Duration.ofSeconds(10);
  private static final String LEASES = "kube-node-lease";
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  private final ResourceClient<Node> nodes;
  private final ResourceClient<Lease> leases;
  private final String name;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private ScheduledFuture<?> beating;

  private FakeNode(KubeClient client, String name) {
    this.nodes = client.resources(Node.class);
    this.leases = client.resources(Lease.class);
    this.name = name;
  }

  /** Registers node {@code name}, Ready, and starts its heartbeats. */
  static FakeNode register(KubeClient client, String name) {
    FakeNode node = new FakeNode(client, name);
    node.nodes
        .create(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name))
                .endMetadata()
                .withNewStatus()
                .withConditions(conditions())
                .endStatus()
                .build())
        .await()
        .atMost(WRITE);
    node.leases
        .create(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(LEASES)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(name)
                .withLeaseDurationSeconds(40)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                .endSpec()
                .build())
        .await()
        .atMost(WRITE);
    node.startBeating();
    return node;
  }

  /** Stops renewing the Lease, as a kubelet that died would. */
  synchronized void stopHeartbeats() {
    if (beating != null) {
      beating.cancel(false);
      beating = null;
    }
  }

  /** Renews the Lease again and posts Ready=True, as a kubelet that came back would. */
  void resume() {
    nodes
        .patchStatus(
            null,
            name,
            Patch.strategicMerge(Map.of("status", Map.of("conditions", conditions()))),
            new PatchOptions())
        .await()
        .atMost(WRITE);
    startBeating();
  }

  private synchronized void startBeating() {
    beating =
        timer.scheduleAtFixedRate(
            this::renew, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void renew() {
    String now = MICRO_TIME.format(Instant.now());
    leases
        .patch(LEASES, name, Patch.merge(Map.of("spec", Map.of("renewTime", now))))
        .subscribe()
        .with(renewed -> {}, failure -> {});
  }

  /** The conditions a healthy kubelet posts, with a heartbeat of now. */
  private static List<NodeCondition> conditions() {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return List.of(
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", now),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", now),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", now),
        condition("Ready", "True", "KubeletReady", now));
  }

  private static NodeCondition condition(String type, String status, String reason, String now) {
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage("posted by the test")
        .withLastHeartbeatTime(now)
        .withLastTransitionTime(now)
        .build();
  }

  /** Stops beating and deletes the Node and its Lease. */
  @Override
  public void close() {
    stopHeartbeats();
    timer.shutdownNow();
    nodes
        .delete(null, name)
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .await()
        .atMost(WRITE);
    leases
        .delete(LEASES, name)
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .await()
        .atMost(WRITE);
  }
}
