package io.bosun.controllers;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.runtime.Controller;
import io.bosun.controllers.deployment.DeploymentController;
import io.bosun.controllers.endpoints.EndpointsControllers;
import io.bosun.controllers.gc.GarbageCollector;
import io.bosun.controllers.namespace.NamespaceController;
import io.bosun.controllers.nodelifecycle.NodeLifecycleController;
import io.bosun.controllers.nodelifecycle.NodeLifecycleOptions;
import io.bosun.controllers.nodelifecycle.TaintEvictionController;
import io.bosun.controllers.replicaset.ReplicaSetController;
import io.bosun.controllers.scheduler.SchedulerController;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The built-in controllers, built over one client and one process's shared informers, started and
 * stopped together. Whoever runs them (the all-in-one server, a controllers-only process, a
 * leader-election manager) calls {@link #start()} when it should act and {@link #stop()} when it
 * must not any more.
 *
 * <pre>{@code
 * SharedInformers informers = SharedInformers.create(client);
 * BuiltinControllers controllers = BuiltinControllers.create(client, informers);
 * controllers.start().await().atMost(Duration.ofMinutes(1));
 * ...
 * controllers.stop().await().atMost(Duration.ofMinutes(1));
 * }</pre>
 */
public final class BuiltinControllers {
  private static final Logger LOG = Logger.getLogger(BuiltinControllers.class);

  private final List<Controller> controllers = new ArrayList<>();
  private final List<Informer<?>> informers = new ArrayList<>();
  private final InformerEventSources sources;
  private final GarbageCollector garbageCollector;
  private boolean started;

  private BuiltinControllers(
      KubeClient client, SharedInformers shared, Clock clock, NodeLifecycleOptions nodeLifecycle) {
    this.sources = InformerEventSources.of(shared);
    informers.add(sources.informer(Pod.class));
    informers.add(sources.informer(ReplicaSet.class));
    informers.add(sources.informer(ReplicationController.class));
    informers.add(sources.informer(Deployment.class));
    informers.add(sources.informer(Namespace.class));
    informers.add(sources.informer(Node.class));
    informers.add(sources.informer(Lease.class));
    informers.add(sources.informer(Service.class));
    informers.add(sources.informer(EndpointSlice.class));
    informers.add(sources.informer(Endpoints.class));
    controllers.add(ReplicaSetController.forReplicaSets(client, sources, clock));
    controllers.add(ReplicaSetController.forReplicationControllers(client, sources, clock));
    controllers.add(DeploymentController.create(client, sources, clock));
    controllers.add(NamespaceController.create(client, sources, clock));
    controllers.add(SchedulerController.create(client, sources, clock));
    controllers.add(NodeLifecycleController.create(client, sources, clock, nodeLifecycle));
    controllers.add(TaintEvictionController.create(client, sources, clock));
    controllers.add(EndpointsControllers.endpointSlices(client, sources));
    controllers.add(EndpointsControllers.endpoints(client, sources));
    garbageCollector = GarbageCollector.create(client, shared);
    // A Service's slices go with it through their owner reference.
    garbageCollector.monitor(ResourceDescriptor.of(EndpointSlice.class));
    informers.addAll(garbageCollector.informers());
  }

  /** Every built-in controller over {@code client} and {@code informers}, on the system clock. */
  public static BuiltinControllers create(KubeClient client, SharedInformers informers) {
    return create(client, informers, Clock.systemUTC());
  }

  /** Every built-in controller, telling time by {@code clock}. */
  public static BuiltinControllers create(
      KubeClient client, SharedInformers informers, Clock clock) {
    return create(client, informers, clock, NodeLifecycleOptions.DEFAULTS);
  }

  /** Every built-in controller, the node lifecycle controller judging nodes by {@code nodes}. */
  public static BuiltinControllers create(
      KubeClient client, SharedInformers informers, Clock clock, NodeLifecycleOptions nodes) {
    return new BuiltinControllers(
        Objects.requireNonNull(client, "client"),
        Objects.requireNonNull(informers, "informers"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(nodes, "nodes"));
  }

  /** The garbage collector, to monitor more kinds (custom resources) as they appear. */
  public GarbageCollector garbageCollector() {
    return garbageCollector;
  }

  /** The controllers, for their names and metrics. */
  public List<Controller> controllers() {
    return List.copyOf(controllers);
  }

  /**
   * Waits until every informer the controllers read has listed its kind, then starts them: a
   * controller that acted on a half-filled cache would create pods that exist already.
   *
   * @throws IllegalStateException if already started
   */
  @CheckReturnValue
  public Uni<Void> start() {
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("the built-in controllers were already started");
      }
      started = true;
    }
    List<Uni<Void>> synced = informers.stream().map(Informer::whenSynced).toList();
    return Uni.join()
        .all(synced)
        .andFailFast()
        .invoke(
            ignored -> {
              for (Controller controller : controllers) {
                controller.start(sources);
              }
              garbageCollector.start();
              LOG.infof(
                  "Started the built-in controllers: %s",
                  controllers.stream().map(Controller::name).toList());
            })
        .replaceWithVoid();
  }

  /** Stops every controller; completes when no reconcile is in flight. */
  @CheckReturnValue
  public Uni<Void> stop() {
    List<Uni<Void>> stops = new ArrayList<>();
    controllers.forEach(controller -> stops.add(controller.stop()));
    stops.add(garbageCollector.stop());
    return Uni.join().all(stops).andCollectFailures().replaceWithVoid();
  }
}
