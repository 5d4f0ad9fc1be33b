package io.bosun.controller.manager;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.leaderelection.LeaderElectionOptions;
import io.bosun.controller.manager.internal.DefaultManager;
import io.bosun.controller.queue.Scheduler;
import io.bosun.controller.runtime.Controller;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link Manager}; start from {@link Manager#builder}. The shared informers exist from the
 * start, so that reconcilers can be given {@link #eventSources()} before their controllers are
 * added.
 */
public final class ManagerBuilder {
  private final KubeClient client;
  private final SharedInformers informers;
  private final InformerEventSources sources;
  private final Map<String, Controller> controllers = new LinkedHashMap<>();
  private final Set<Class<? extends HasMetadata>> cached = new LinkedHashSet<>();
  private ManagerOptions options = ManagerOptions.DEFAULTS;
  private LeaderElectionOptions election;
  private Scheduler scheduler = Scheduler.system();
  private PrometheusMeterRegistry metrics;
  private boolean built;

  ManagerBuilder(KubeClient client, InformerOptions informerOptions) {
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(informerOptions, "informerOptions");
    this.informers = SharedInformers.create(client);
    this.sources = InformerEventSources.of(informers, informerOptions);
  }

  /** The event sources the manager will start its controllers with, for their reconcilers. */
  public InformerEventSources eventSources() {
    return sources;
  }

  /**
   * Adds a controller; the manager starts the informers of its {@link Controller#watchedTypes()}.
   *
   * @throws IllegalArgumentException if a controller of that name was added already
   */
  public ManagerBuilder add(Controller controller) {
    Objects.requireNonNull(controller, "controller");
    if (controllers.putIfAbsent(controller.name(), controller) != null) {
      throw new IllegalArgumentException(
          "a controller named " + controller.name() + " was added already; names must be unique");
    }
    return this;
  }

  /**
   * Also caches {@code type}: its informer is started and synced with the others, for reconcilers
   * that read a kind their controller does not watch.
   */
  public ManagerBuilder cache(Class<? extends HasMetadata> type) {
    cached.add(Objects.requireNonNull(type, "type"));
    return this;
  }

  /** How the manager runs. Defaults to {@link ManagerOptions#DEFAULTS}. */
  public ManagerBuilder options(ManagerOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    return this;
  }

  /**
   * Runs the controllers only while this replica holds the Lease {@code election} names. Defaults
   * to no election: the controllers run whenever the manager does.
   */
  public ManagerBuilder leaderElection(LeaderElectionOptions election) {
    this.election = Objects.requireNonNull(election, "election");
    return this;
  }

  /** The clock and timers of the leader election. Defaults to {@link Scheduler#system()}. */
  public ManagerBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * The registry {@code /metrics} serves. Defaults to a Prometheus registry of the manager's own,
   * joined to Micrometer's global registry (where controllers put their meters unless told
   * otherwise) from the start of a manager with a health endpoint until its stop.
   */
  public ManagerBuilder metrics(PrometheusMeterRegistry registry) {
    this.metrics = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * The manager, not yet started.
   *
   * @throws IllegalStateException if this builder built a manager already
   */
  public Manager build() {
    if (built) {
      throw new IllegalStateException("this builder built its manager already");
    }
    built = true;
    List<Controller> all = new ArrayList<>(controllers.values());
    return new DefaultManager(
        client, informers, sources, all, cached, options, election, scheduler, metrics);
  }
}
