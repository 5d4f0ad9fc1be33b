package io.bosun.server;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controllers.BuiltinControllers;
import io.bosun.controllers.nodelifecycle.NodeLifecycleOptions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the built-in controllers inside {@code bosun server}. They talk to this apiserver the way
 * they would talk to any other: over HTTPS with the kubeconfig the server wrote, so that running
 * them in a process of their own changes nothing but the address.
 */
@ApplicationScoped
public class InProcessControllers {
  private static final Logger LOG = Logger.getLogger(InProcessControllers.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  @ConfigProperty(name = "bosun.kubeconfig")
  Optional<String> kubeconfig;

  @ConfigProperty(name = "bosun.controllers.enabled", defaultValue = "true")
  boolean enabled;

  /** How long a node may miss its heartbeats before it counts as unreachable. */
  @ConfigProperty(name = "bosun.controllers.node-monitor-grace-period", defaultValue = "40s")
  Duration nodeMonitorGracePeriod;

  private KubeClient client;
  private SharedInformers informers;
  private BuiltinControllers controllers;

  void start(@Observes StartupEvent event) {
    if (!enabled || kubeconfig.isEmpty()) {
      return;
    }
    client = KubeClient.create(ClusterConfig.fromKubeconfig(Path.of(kubeconfig.get())));
    informers = SharedInformers.create(client);
    controllers =
        BuiltinControllers.create(
            client,
            informers,
            Clock.systemUTC(),
            NodeLifecycleOptions.builder().nodeMonitorGracePeriod(nodeMonitorGracePeriod).build());
    // Informers list once the HTTPS listener is up; start() waits for their sync, retrying
    // meanwhile.
    controllers
        .start()
        .subscribe()
        .with(
            started -> LOG.debug("built-in controllers started"),
            failure -> LOG.errorf("the built-in controllers did not start: %s", failure));
  }

  void stop(@Observes ShutdownEvent event) {
    if (controllers == null) {
      return;
    }
    try {
      controllers.stop().await().atMost(STOP_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.debugf("stopping the built-in controllers: %s", e.getMessage());
    }
    informers.close();
    client.close();
  }
}
