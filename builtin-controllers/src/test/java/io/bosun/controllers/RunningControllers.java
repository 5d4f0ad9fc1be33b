package io.bosun.controllers;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controllers.nodelifecycle.NodeLifecycleOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;

/** The built-in controllers running against the test apiserver for one test, with its caches. */
public final class RunningControllers implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(30);

  private final SharedInformers informers;
  private final InformerEventSources sources;
  private final BuiltinControllers controllers;

  private RunningControllers(KubeClient client, NodeLifecycleOptions nodes) {
    this.informers = SharedInformers.create(client);
    this.sources = InformerEventSources.of(informers);
    this.controllers = BuiltinControllers.create(client, informers, Clock.systemUTC(), nodes);
  }

  /** Starts every built-in controller and waits until they run. */
  public static RunningControllers start(KubeClient client) {
    return start(client, NodeLifecycleOptions.DEFAULTS);
  }

  /** Starts every built-in controller, judging node health by {@code nodes}. */
  public static RunningControllers start(KubeClient client, NodeLifecycleOptions nodes) {
    RunningControllers running = new RunningControllers(client, nodes);
    running.controllers.start().await().atMost(START);
    return running;
  }

  /** The shared informer of a kind, the one the controllers read. */
  public <T extends HasMetadata> Informer<T> informer(Class<T> type) {
    return sources.informer(type);
  }

  /** The running controllers. */
  public BuiltinControllers controllers() {
    return controllers;
  }

  @Override
  public void close() {
    try {
      controllers.stop().await().atMost(START);
    } finally {
      informers.close();
    }
  }
}
