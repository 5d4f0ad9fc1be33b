package io.bosun.controllers.deployment;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.handler.RequestMapper;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.predicate.EventPredicate;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.bosun.controller.source.ResourceEvent;
import io.bosun.controllers.events.EventRecorder;
import io.bosun.controllers.labels.Selectors;
import io.bosun.controllers.ownership.ControllerRefs;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Deployment controller: rolls a Deployment's pod template out through ReplicaSets (rolling
 * update or recreate), keeps revision history, honours pause, scales proportionally during a
 * rollout, and reports progress and availability in its status and conditions.
 *
 * <pre>{@code
 * Controller deployments = DeploymentController.create(client, sources, Clock.systemUTC());
 * deployments.start(sources);
 * }</pre>
 */
public final class DeploymentController {
  /** The controller's name in events and logs. */
  public static final String NAME = "deployment-controller";

  private DeploymentController() {}

  /** The controller, reading from {@code sources}' informers. */
  public static Controller create(KubeClient client, InformerEventSources sources, Clock clock) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(clock, "clock");
    Informer<Deployment> deployments = sources.informer(Deployment.class);
    Informer<ReplicaSet> replicaSets = sources.informer(ReplicaSet.class);
    Writes writes =
        new Writes(
            client.resources(Deployment.class),
            client.resources(ReplicaSet.class),
            deployments,
            replicaSets,
            new EventRecorder(client, NAME, clock));
    return Controller.forResource(Deployment.class)
        .watches(ReplicaSet.class, replicaSetOwners(deployments))
        // A Recreate rollout waits for old pods to be gone: their deletion is the signal.
        .watches(Pod.class, podOwners(replicaSets), deletions())
        .withOptions(ControllerOptions.builder().name(NAME).build())
        .build(new DeploymentReconciler(writes, sources.informer(Pod.class), clock));
  }

  /** A ReplicaSet's controlling Deployment; for an orphan, every Deployment that selects it. */
  static RequestMapper<ReplicaSet> replicaSetOwners(Informer<Deployment> deployments) {
    return rs -> {
      String namespace = rs.getMetadata().getNamespace();
      Optional<OwnerReference> controller = ControllerRefs.controllerOf(rs);
      if (controller.isPresent()) {
        return "Deployment".equals(controller.get().getKind())
            ? Set.of(Request.of(namespace, controller.get().getName()))
            : Set.of();
      }
      return deployments.byIndex(Informer.NAMESPACE_INDEX, namespace).stream()
          .filter(d -> !Selectors.isEmpty(d.getSpec().getSelector()))
          .filter(d -> Selectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels()))
          .map(d -> Request.of(namespace, d.getMetadata().getName()))
          .collect(Collectors.toSet());
    };
  }

  /** The Deployment controlling the ReplicaSet that controls a pod. */
  static RequestMapper<Pod> podOwners(Informer<ReplicaSet> replicaSets) {
    return pod -> {
      String namespace = pod.getMetadata().getNamespace();
      return ControllerRefs.controllerOf(pod)
          .filter(ref -> "ReplicaSet".equals(ref.getKind()))
          .flatMap(ref -> replicaSets.get(namespace, ref.getName()))
          .flatMap(ControllerRefs::controllerOf)
          .filter(ref -> "Deployment".equals(ref.getKind()))
          .map(ref -> Set.of(Request.of(namespace, ref.getName())))
          .orElse(Set.of());
    };
  }

  private static EventPredicate<Pod> deletions() {
    return event -> event.type() == ResourceEvent.Type.DELETED;
  }
}
