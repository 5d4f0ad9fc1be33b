package io.bosun.controllers.replicaset;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.handler.RequestMapper;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.bosun.controllers.events.EventRecorder;
import io.bosun.controllers.ownership.ControllerRefs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ReplicaSet controller and the ReplicationController manager, which share their logic: keep
 * {@code spec.replicas} pods that the selector selects, adopting orphans and releasing pods that no
 * longer match, and report what runs in the status.
 *
 * <pre>{@code
 * Controller replicaSets = ReplicaSetController.forReplicaSets(client, sources, Clock.systemUTC());
 * replicaSets.start(sources);
 * }</pre>
 */
public final class ReplicaSetController {
  private ReplicaSetController() {}

  /** The controller of apps/v1 ReplicaSets, reading from {@code sources}' informers. */
  public static Controller forReplicaSets(
      KubeClient client, InformerEventSources sources, Clock clock) {
    return build(new ReplicaSetKind(), client, sources, clock);
  }

  /** The controller of core/v1 ReplicationControllers. */
  public static Controller forReplicationControllers(
      KubeClient client, InformerEventSources sources, Clock clock) {
    return build(new ReplicationControllerKind(), client, sources, clock);
  }

  private static <R extends HasMetadata> Controller build(
      ReplicatedKind<R> kind, KubeClient client, InformerEventSources sources, Clock clock) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(clock, "clock");
    Informer<R> owners = sources.informer(kind.type());
    Informer<Pod> pods = sources.informer(Pod.class);
    ReplicaReconciler<R> reconciler =
        new ReplicaReconciler<>(
            kind,
            client.resources(kind.type()),
            client.resources(Pod.class),
            owners,
            pods,
            new EventRecorder(client, kind.component(), clock),
            clock);
    return Controller.forResource(kind.type())
        .watches(Pod.class, podOwners(kind, owners))
        .withOptions(ControllerOptions.builder().name(kind.component()).build())
        .build(reconciler);
  }

  /**
   * The owners a pod change concerns: its controller when that is of this kind; for an orphan,
   * every owner in its namespace whose selector selects it (it may be adopted).
   */
  static <R extends HasMetadata> RequestMapper<Pod> podOwners(
      ReplicatedKind<R> kind, Informer<R> owners) {
    String kindName = HasMetadata.getKind(kind.type());
    String group = Objects.requireNonNullElse(HasMetadata.getGroup(kind.type()), "");
    return pod -> {
      String namespace = pod.getMetadata().getNamespace();
      Optional<OwnerReference> controller = ControllerRefs.controllerOf(pod);
      if (controller.isPresent()) {
        OwnerReference ref = controller.get();
        return kindName.equals(ref.getKind()) && group.equals(groupOf(ref.getApiVersion()))
            ? Set.of(Request.of(namespace, ref.getName()))
            : Set.of();
      }
      return owners.byIndex(Informer.NAMESPACE_INDEX, namespace).stream()
          .filter(owner -> kind.selects(owner, pod.getMetadata().getLabels()))
          .map(owner -> Request.of(namespace, owner.getMetadata().getName()))
          .collect(Collectors.toSet());
    };
  }

  private static String groupOf(String apiVersion) {
    if (apiVersion == null) {
      return "";
    }
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
