package io.bosun.controllers.nodelifecycle;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.handler.RequestMapper;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.bosun.controllers.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The node lifecycle controller: a node whose Lease in {@code kube-node-lease} and whose Ready
 * heartbeat have not moved for {@link NodeLifecycleOptions#nodeMonitorGracePeriod()} has its
 * kubelet conditions set to Unknown and its pods marked not Ready; every node carries the
 * not-ready, unreachable, pressure and unschedulable taints its conditions call for, and loses them
 * when they no longer do.
 *
 * <pre>{@code
 * Controller nodes = NodeLifecycleController.create(client, sources, clock, NodeLifecycleOptions.DEFAULTS);
 * nodes.start(sources);
 * }</pre>
 */
public final class NodeLifecycleController {
  /** The controller's name in logs and events. */
  public static final String NAME = "node-controller";

  private NodeLifecycleController() {}

  /** The controller, reading nodes, leases and pods from {@code sources}' informers. */
  public static Controller create(
      KubeClient client, InformerEventSources sources, Clock clock, NodeLifecycleOptions options) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(options, "options");
    PodReadiness readiness =
        new PodReadiness(
            client.resources(Pod.class), PodsByNode.over(sources.informer(Pod.class)), clock);
    NodeLifecycleReconciler reconciler =
        new NodeLifecycleReconciler(
            client.resources(Node.class),
            sources.informer(Node.class),
            sources.informer(Lease.class),
            readiness,
            new EventRecorder(client, NAME, clock),
            options,
            clock);
    return Controller.forResource(Node.class)
        .watches(Lease.class, nodeOfLease())
        .withOptions(ControllerOptions.builder().name(NAME).build())
        .build(reconciler);
  }

  /** A Lease in {@code kube-node-lease} is the heartbeat of the node of the same name. */
  static RequestMapper<Lease> nodeOfLease() {
    return lease ->
        NodeLifecycleReconciler.LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace())
            ? Set.of(Request.clusterScoped(lease.getMetadata().getName()))
            : Set.of();
  }
}
