package io.bosun.server;

import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.controller.config.ClusterConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the built-in controllers inside {@code bosun server}. They talk to this apiserver the way
 * they would talk to any other: over HTTPS with the kubeconfig the server wrote, so that running
 * them in a process of their own changes nothing but the address. They act only while they hold the
 * Lease {@code bosun controllers} contends for, so that of several servers on one database, or a
 * server and {@code bosun controllers} processes, one set of controllers acts. Like k3s's embedded
 * controller manager, a server whose controllers lose the Lease exits, for its supervisor to start
 * it again as a standby: the controllers cannot start twice in one process.
 */
@ApplicationScoped
public class InProcessControllers {
  private static final Logger LOG = Logger.getLogger(InProcessControllers.class);

  /** The election's progress lines, logged at debug: the server prints only its ready line. */
  private static final PrintStream PROGRESS =
      new PrintStream(OutputStream.nullOutputStream()) {
        @Override
        public void println(String line) {
          LOG.debug(line);
        }
      };

  @ConfigProperty(name = "bosun.kubeconfig")
  Optional<String> kubeconfig;

  @ConfigProperty(name = "bosun.controllers.enabled", defaultValue = "true")
  boolean enabled;

  /** How long a node may miss its heartbeats before it counts as unreachable. */
  @ConfigProperty(name = "bosun.controllers.node-monitor-grace-period", defaultValue = "40s")
  Duration nodeMonitorGracePeriod;

  @Inject GenericStore store;
  @Inject KindRegistry registry;
  @Inject Clock clock;

  private ElectedControllers controllers;

  void start(@Observes StartupEvent event) {
    if (!enabled || kubeconfig.isEmpty()) {
      return;
    }
    Path config = Path.of(kubeconfig.get());
    ControllersFlags flags =
        new ControllersFlags(
            config,
            true,
            ControllersFlags.DEFAULT_LEASE_NAMESPACE,
            ControllersFlags.DEFAULT_LEASE_NAME,
            nodeMonitorGracePeriod);
    // Informers list and the elector contends once the HTTPS listener is up; both retry meanwhile.
    controllers =
        ElectedControllers.start(
            ClusterConfig.fromKubeconfig(config),
            flags,
            false, // released through storage on shutdown, see stop()
            PROGRESS,
            () -> {
              LOG.error("the built-in controllers stopped (Lease lost, or no start); exiting");
              Quarkus.asyncExit(ControllersCommand.EXIT_FAILURE);
            });
  }

  void stop(@Observes ShutdownEvent event) {
    if (controllers == null) {
      return;
    }
    String identity = controllers.identity();
    controllers.close();
    // The HTTPS listener is closed by now, storage not yet: release the Lease there, so that the
    // next start (or a standby) takes over at once rather than after the lease duration.
    try {
      LeaseRelease.release(
          store,
          registry,
          clock,
          ControllersFlags.DEFAULT_LEASE_NAMESPACE,
          ControllersFlags.DEFAULT_LEASE_NAME,
          identity);
    } catch (RuntimeException e) {
      LOG.infof("could not release the controllers' Lease (%s); it expires on its own", e);
    }
  }
}
