package io.bosun.controller.manager.internal;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.leaderelection.LeaderCallbacks;
import io.bosun.controller.leaderelection.LeaderElectionOptions;
import io.bosun.controller.leaderelection.LeaderElector;
import io.bosun.controller.manager.CacheSyncTimeoutException;
import io.bosun.controller.manager.Manager;
import io.bosun.controller.manager.ManagerOptions;
import io.bosun.controller.manager.ManagerStatus;
import io.bosun.controller.manager.ManagerStatus.Leadership;
import io.bosun.controller.manager.ManagerStatus.Phase;
import io.bosun.controller.queue.Scheduler;
import io.bosun.controller.runtime.Controller;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The manager: informers first, then (at once or while leading) the controllers; on stop the
 * reverse. Its phase changes under its lock; controller starts and stops are queued by {@link
 * ControllerSet}.
 */
public final class DefaultManager implements Manager {
  private final KubeClient client;
  private final SharedInformers informers;
  private final InformerEventSources sources;
  private final ControllerSet controllers;
  private final Set<Class<? extends HasMetadata>> types = new LinkedHashSet<>();
  private final ManagerOptions options;
  private final LeaderElector elector;
  private final PrometheusMeterRegistry metrics;
  private final boolean ownMetrics;
  private final Map<String, Informer<?>> started = new LinkedHashMap<>();
  private Phase phase = Phase.NEW;
  private HealthEndpoint health;
  private volatile int healthPort = -1;
  private Uni<Void> stopping;

  public DefaultManager(
      KubeClient client,
      SharedInformers informers,
      InformerEventSources sources,
      List<Controller> controllers,
      Set<Class<? extends HasMetadata>> cached,
      ManagerOptions options,
      LeaderElectionOptions election,
      Scheduler scheduler,
      PrometheusMeterRegistry metrics) {
    this.client = client;
    this.informers = informers;
    this.sources = sources;
    this.options = options;
    this.controllers = new ControllerSet(controllers, sources, options.gracefulShutdownTimeout());
    controllers.forEach(controller -> types.addAll(controller.watchedTypes()));
    types.addAll(cached);
    this.elector =
        election == null ? null : LeaderElector.create(client, election, new Leading(), scheduler);
    this.ownMetrics = metrics == null;
    this.metrics = ownMetrics ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : metrics;
  }

  /** Starts the controllers while leading, stops them when leadership is lost. */
  private final class Leading implements LeaderCallbacks {
    @Override
    public void onStartedLeading() {
      controllers.start().subscribe().with(ignored -> {});
    }

    @Override
    public void onStoppedLeading() {
      controllers.stop().subscribe().with(ignored -> {});
    }
  }

  @Override
  public KubeClient client() {
    return client;
  }

  @Override
  public SharedInformers informers() {
    return informers;
  }

  @Override
  public InformerEventSources eventSources() {
    return sources;
  }

  @Override
  public Uni<Void> start() {
    synchronized (this) {
      if (phase != Phase.NEW) {
        throw new IllegalStateException("the manager was started before (" + phase + ")");
      }
      phase = Phase.STARTING;
      for (Class<? extends HasMetadata> type : types) {
        Informer<?> informer = sources.informer(type);
        started.put(describe(informer), informer);
      }
    }
    if (ownMetrics && options.healthEnabled()) {
      Metrics.addRegistry(metrics);
    }
    List<Uni<Void>> syncs = new ArrayList<>();
    started.values().forEach(informer -> syncs.add(informer.whenSynced()));
    Uni<Void> synced =
        syncs.isEmpty()
            ? Uni.createFrom().voidItem()
            : Uni.join().all(syncs).andFailFast().replaceWithVoid();
    return listen()
        .chain(() -> synced)
        .ifNoItem()
        .after(options.cacheSyncTimeout())
        .failWith(this::syncTimedOut)
        .chain(this::run)
        .onFailure()
        .call(this::failed);
  }

  private Uni<Void> listen() {
    if (!options.healthEnabled()) {
      return Uni.createFrom().voidItem();
    }
    HealthEndpoint endpoint = new HealthEndpoint(client.vertx(), this::status, metrics);
    synchronized (this) {
      health = endpoint;
    }
    return endpoint
        .listen(options.healthHost(), options.healthPort())
        .invoke(port -> healthPort = port)
        .replaceWithVoid();
  }

  private synchronized CacheSyncTimeoutException syncTimedOut() {
    List<String> pending =
        started.entrySet().stream()
            .filter(entry -> !entry.getValue().hasSynced())
            .map(Map.Entry::getKey)
            .toList();
    return new CacheSyncTimeoutException(options.cacheSyncTimeout(), pending);
  }

  private Uni<Void> run() {
    synchronized (this) {
      if (phase != Phase.STARTING) {
        return Uni.createFrom().voidItem(); // stopped meanwhile
      }
      phase = Phase.RUNNING;
    }
    if (elector == null) {
      return controllers.start();
    }
    elector.start();
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> failed(Throwable failure) {
    synchronized (this) {
      if (phase != Phase.STARTING) {
        return Uni.createFrom().voidItem();
      }
      phase = Phase.FAILED;
    }
    // The failure itself reaches the caller of start().
    return shutDown();
  }

  @Override
  public Uni<Void> stop() {
    synchronized (this) {
      if (stopping != null) {
        return stopping;
      }
      if (phase == Phase.FAILED) {
        return Uni.createFrom().voidItem();
      }
      phase = Phase.STOPPING;
      stopping =
          Uni.createFrom()
              .completionStage(
                  controllers
                      .close()
                      .chain(() -> elector == null ? Uni.createFrom().voidItem() : elector.stop())
                      .chain(this::shutDown)
                      .invoke(this::stopped)
                      .subscribeAsCompletionStage());
      return stopping;
    }
  }

  private synchronized void stopped() {
    phase = Phase.STOPPED;
  }

  /** Stops what runs below the controllers: the informers, the endpoint, the meters' link. */
  private Uni<Void> shutDown() {
    informers.close();
    if (ownMetrics) {
      Metrics.removeRegistry(metrics);
    }
    HealthEndpoint endpoint;
    synchronized (this) {
      endpoint = health;
    }
    return endpoint == null
        ? Uni.createFrom().voidItem()
        : endpoint.close().onFailure().recoverWithNull();
  }

  @Override
  public ManagerStatus status() {
    Map<String, Boolean> synced = new LinkedHashMap<>();
    Phase now;
    synchronized (this) {
      now = phase;
      started.forEach((name, informer) -> synced.put(name, informer.hasSynced()));
    }
    Leadership leadership =
        elector == null
            ? Leadership.NOT_ELECTING
            : elector.isLeader() ? Leadership.LEADER : Leadership.STANDBY;
    Optional<String> leader = elector == null ? Optional.empty() : elector.leader();
    return new ManagerStatus(now, synced, leadership, leader, controllers.running());
  }

  @Override
  public OptionalInt healthPort() {
    int port = healthPort;
    return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  @Override
  public void close() {
    stop().await().indefinitely();
  }

  private static String describe(Informer<?> informer) {
    String namespace = informer.options().namespace();
    return informer.descriptor() + (namespace == null ? "" : " in " + namespace);
  }
}
