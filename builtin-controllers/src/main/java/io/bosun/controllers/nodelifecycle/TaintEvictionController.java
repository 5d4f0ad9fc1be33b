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
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The taint eviction controller (Kubernetes' TaintEvictionController): deletes the pods bound to a
 * node with NoExecute taints that they do not tolerate, at once, or once the taints have stood for
 * their shortest {@code tolerationSeconds}; a toleration without {@code tolerationSeconds} keeps a
 * pod for ever.
 *
 * <pre>{@code
 * Controller eviction = TaintEvictionController.create(client, sources, clock);
 * eviction.start(sources);
 * }</pre>
 */
public final class TaintEvictionController {
  /** The controller's name in logs and events. */
  public static final String NAME = "taint-eviction-controller";

  private TaintEvictionController() {}

  /** The controller, reading pods and nodes from {@code sources}' informers. */
  public static Controller create(KubeClient client, InformerEventSources sources, Clock clock) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(clock, "clock");
    PodsByNode byNode = PodsByNode.over(sources.informer(Pod.class));
    TaintEvictionReconciler reconciler =
        new TaintEvictionReconciler(
            client.resources(Pod.class),
            sources.informer(Pod.class),
            sources.informer(Node.class),
            new EventRecorder(client, NAME, clock),
            clock);
    return Controller.forResource(Pod.class)
        // Every node event, not only those whose taints differ from the cached state: the node
        // controller's read-your-own-writes puts its taints into the shared cache before their
        // watch event, which would then look like no change.
        .watches(Node.class, podsOn(byNode))
        .withOptions(ControllerOptions.builder().name(NAME).build())
        .build(reconciler);
  }

  private static RequestMapper<Node> podsOn(PodsByNode byNode) {
    return node ->
        byNode.on(node.getMetadata().getName()).stream()
            .map(pod -> Request.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName()))
            .collect(Collectors.toSet());
  }
}
