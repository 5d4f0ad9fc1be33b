package io.bosun.controllers.nodelifecycle;

import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controllers.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Watches one node's heartbeats: when neither its Lease nor its Ready heartbeat has moved for the
 * grace period, its kubelet conditions become Unknown and its pods not Ready; whatever its
 * conditions say, its owned taints are brought in line with them.
 */
final class NodeLifecycleReconciler implements Reconciler {
  /** The namespace of node Leases. */
  static final String LEASE_NAMESPACE = "kube-node-lease";

  private static final Logger LOG = Logger.getLogger(NodeLifecycleReconciler.class);

  private final ResourceClient<Node> nodes;
  private final Informer<Node> nodeCache;
  private final Informer<Lease> leaseCache;
  private final PodReadiness pods;
  private final EventRecorder events;
  private final NodeLifecycleOptions options;
  private final Clock clock;
  private final NodeHealth health = new NodeHealth();

  NodeLifecycleReconciler(
      ResourceClient<Node> nodes,
      Informer<Node> nodeCache,
      Informer<Lease> leaseCache,
      PodReadiness pods,
      EventRecorder events,
      NodeLifecycleOptions options,
      Clock clock) {
    this.nodes = nodes;
    this.nodeCache = nodeCache;
    this.leaseCache = leaseCache;
    this.pods = pods;
    this.events = events;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    Optional<Node> found = nodeCache.get("", request.name());
    if (found.isEmpty()) {
      health.forget(request.name());
      return Uni.createFrom().item(Result.done());
    }
    Node node = found.get();
    Instant now = clock.instant();
    Instant probe = health.lastProbe(node, leaseCache.get(LEASE_NAMESPACE, request.name()), now);
    Duration grace =
        Taints.condition(node, "Ready").isPresent()
            ? options.nodeMonitorGracePeriod()
            : options.nodeStartupGracePeriod();
    Duration left = Duration.between(now, probe.plus(grace));
    Uni<Node> current = Uni.createFrom().item(node);
    if (left.compareTo(Duration.ZERO) <= 0) {
      Optional<List<NodeCondition>> unknown = NodeHealth.unknown(node, now);
      if (unknown.isPresent()) {
        current = markUnknown(node, unknown.get());
      }
    }
    Duration recheck = left;
    return current
        .call(this::podsOfUnreachable)
        .flatMap(this::taint)
        .map(
            tainted ->
                recheck.compareTo(Duration.ZERO) > 0
                    ? Result.requeueAfter(recheck)
                    : Result.done());
  }

  /** Writes the Unknown conditions through the status subresource; tells of a Ready node lost. */
  private Uni<Node> markUnknown(Node node, List<NodeCondition> conditions) {
    boolean wasReady = Taints.status(node, "Ready").filter("True"::equals).isPresent();
    Node stopped =
        new NodeBuilder(node).editOrNewStatus().withConditions(conditions).endStatus().build();
    return nodes
        .updateStatus(stopped)
        .invoke(nodeCache::recordWrite)
        .invoke(
            written -> {
              String name = written.getMetadata().getName();
              LOG.infof("node %s stopped posting its status; its conditions are Unknown", name);
              if (wasReady) {
                events.record(
                    written,
                    EventRecorder.NORMAL,
                    "NodeNotReady",
                    "Node " + name + " status is now: NodeNotReady");
              }
            });
  }

  /**
   * Marks the pods of a node whose Ready condition is Unknown not Ready, on every pass: no kubelet
   * contests it, and a pass that failed half-way is made good by the next.
   */
  private Uni<Void> podsOfUnreachable(Node node) {
    return Taints.status(node, "Ready").filter("Unknown"::equals).isPresent()
        ? pods.markNotReady(node.getMetadata().getName())
        : Uni.createFrom().voidItem();
  }

  /** Brings the node's owned taints in line with its conditions. */
  private Uni<Node> taint(Node node) {
    List<Taint> wanted = Taints.reconciled(node, clock.instant());
    if (wanted.equals(Taints.current(node))) {
      return Uni.createFrom().item(node);
    }
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("resourceVersion", node.getMetadata().getResourceVersion());
    Map<String, Object> spec = new HashMap<>();
    spec.put("taints", wanted.isEmpty() ? null : wanted);
    Map<String, Object> patch = Map.of("metadata", metadata, "spec", spec);
    return nodes
        .patch(null, node.getMetadata().getName(), Patch.merge(patch), new PatchOptions())
        .invoke(nodeCache::recordWrite)
        .invoke(
            written ->
                LOG.infof(
                    "node %s taints: %s",
                    written.getMetadata().getName(),
                    Taints.current(written).stream()
                        .map(t -> t.getKey() + ":" + t.getEffect())
                        .toList()))
        .onFailure(NotFoundException.class)
        .recoverWithItem(node);
  }
}
