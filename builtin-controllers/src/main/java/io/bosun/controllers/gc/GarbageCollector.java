package io.bosun.controllers.gc;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.Registration;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The garbage collector: keeps a graph of the ownerReferences among the objects of every kind it
 * monitors and carries out the three deletion propagation policies, as Kubernetes' does.
 *
 * <ul>
 *   <li>Background: an object whose owners are all gone is deleted.
 *   <li>Orphan: an owner being deleted with the {@code orphan} finalizer has its reference removed
 *       from each dependent, then the finalizer removed.
 *   <li>Foreground: an owner being deleted with the {@code foregroundDeletion} finalizer has its
 *       dependents deleted (in the foreground too when they have their own); once none of those
 *       with {@code blockOwnerDeletion} remains, the finalizer is removed.
 * </ul>
 *
 * Any kind can be monitored, custom resources included, by its {@link ResourceDescriptor}: typed
 * ones share the process's informers with other controllers, {@link ResourceDescriptor#generic
 * generic} ones serve kinds without a class. Owners of kinds it does not monitor are never taken
 * for gone.
 */
public final class GarbageCollector {
  /** Workers deleting or orphaning at once: 10. */
  public static final int DEFAULT_WORKERS = 10;

  /** The kinds monitored by default. */
  public static List<ResourceDescriptor<? extends HasMetadata>> defaultKinds() {
    return List.of(
        ResourceDescriptor.of(Pod.class),
        ResourceDescriptor.of(ReplicaSet.class),
        ResourceDescriptor.of(Deployment.class),
        ResourceDescriptor.of(ReplicationController.class),
        ResourceDescriptor.of(ConfigMap.class),
        ResourceDescriptor.of(Secret.class),
        ResourceDescriptor.of(Service.class),
        ResourceDescriptor.of(Job.class));
  }

  private final SharedInformers informers;
  private final Kinds kinds;
  private final Graph graph;
  private final WorkLoop deletes;
  private final WorkLoop orphans;
  private final List<Informer<?>> monitored = new ArrayList<>();
  private final List<Registration> registrations = new ArrayList<>();

  private GarbageCollector(KubeClient client, SharedInformers informers, int workers) {
    this.informers = informers;
    this.kinds = new Kinds(client);
    Scheduler scheduler = Scheduler.system();
    WorkLoop[] loops = new WorkLoop[2];
    this.graph = new Graph(uid -> loops[0].add(uid), uid -> loops[1].add(uid));
    Collector collector = new Collector(graph, kinds, uid -> loops[0].add(uid));
    this.deletes =
        new WorkLoop(
            "garbage collection",
            workers,
            collector::attemptToDelete,
            scheduler,
            Infrastructure.getDefaultExecutor());
    this.orphans =
        new WorkLoop(
            "orphaning",
            workers,
            collector::attemptToOrphan,
            scheduler,
            Infrastructure.getDefaultExecutor());
    loops[0] = deletes;
    loops[1] = orphans;
  }

  /**
   * A collector of the {@link #defaultKinds()} and of every custom kind whose
   * CustomResourceDefinition is established, over {@code informers}.
   */
  public static GarbageCollector create(KubeClient client, SharedInformers informers) {
    GarbageCollector collector = create(client, informers, defaultKinds(), DEFAULT_WORKERS);
    collector.followCustomResources();
    return collector;
  }

  /** Monitors the kind of each CustomResourceDefinition once it is established. */
  public synchronized void followCustomResources() {
    var definitions = CustomResourceKinds.informer(informers);
    monitored.add(definitions);
    registrations.add(CustomResourceKinds.follow(definitions, this::monitor));
  }

  /** A collector of {@code kinds}, with {@code workers} deletions or orphanings at once. */
  public static GarbageCollector create(
      KubeClient client,
      SharedInformers informers,
      List<ResourceDescriptor<? extends HasMetadata>> kinds,
      int workers) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(informers, "informers");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    GarbageCollector collector = new GarbageCollector(client, informers, workers);
    kinds.forEach(collector::monitor);
    return collector;
  }

  /**
   * Monitors one more kind, at any time (when a CustomResourceDefinition appears, for example).
   * Monitoring a kind twice changes nothing.
   */
  public synchronized <T extends HasMetadata> void monitor(ResourceDescriptor<T> descriptor) {
    Objects.requireNonNull(descriptor, "descriptor");
    if (!kinds.add(descriptor)) {
      return;
    }
    Informer<T> informer = informers.informer(descriptor);
    monitored.add(informer);
    String apiVersion = descriptor.apiVersion();
    String kind = descriptor.kind();
    registrations.add(
        informer.addHandler(
            new EventHandler<>() {
              @Override
              public void onAdd(T object, Origin origin) {
                graph.observe(ObjectRef.of(apiVersion, kind, object), object.getMetadata(), null);
              }

              @Override
              public void onUpdate(T oldObject, T newObject, Origin origin) {
                graph.observe(
                    ObjectRef.of(apiVersion, kind, newObject),
                    newObject.getMetadata(),
                    oldObject.getMetadata());
              }

              @Override
              public void onDelete(T object, Origin origin) {
                graph.observeDeleted(ObjectRef.of(apiVersion, kind, object));
              }
            }));
  }

  /** The informers of the monitored kinds, to wait for before starting. */
  public synchronized List<Informer<?>> informers() {
    return List.copyOf(monitored);
  }

  /** Starts deleting and orphaning what the graph shows. */
  public void start() {
    deletes.start();
    orphans.start();
  }

  /** Stops taking events and work; completes when no call is in flight. */
  @CheckReturnValue
  public Uni<Void> stop() {
    synchronized (this) {
      registrations.forEach(Registration::remove);
      registrations.clear();
    }
    return Uni.join().all(deletes.stop(), orphans.stop()).andCollectFailures().replaceWithVoid();
  }

  /** How many objects the graph holds, virtual owners included. */
  public int graphSize() {
    return graph.size();
  }
}
