package io.bosun.server;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.leaderelection.LeaderCallbacks;
import io.bosun.controller.leaderelection.LeaderElectionOptions;
import io.bosun.controller.leaderelection.LeaderElector;
import io.bosun.controllers.BuiltinControllers;
import io.bosun.controllers.nodelifecycle.NodeLifecycleOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The built-in controllers of a {@code bosun controllers} process, run while this copy holds the
 * Lease (or always, without leader election). The informers list and watch from the start, so a
 * standby's caches are warm when it takes over.
 *
 * <p>A leader that loses the Lease stops its controllers and reports it through {@code onLost}; the
 * command then ends the process, as kube-controller-manager does, for its supervisor to restart it
 * as a fresh standby. The built-in controllers cannot start again once stopped (the garbage
 * collector drops its event registrations), and a new process is the simplest clean slate.
 */
final class ElectedControllers implements AutoCloseable {
  /** Informers list every kind first; Kubernetes' managers wait up to 2 minutes for it. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final KubeClient client;
  private final SharedInformers informers;
  private final BuiltinControllers controllers;
  private final PrintStream out;
  private final Runnable onLost;
  private final String lease;
  // Leadership changes run one after the other on one thread, never on the elector's threads: a
  // start waits for the informers' sync and a stop for in-flight reconciles.
  private final ExecutorService transitions =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "bosun-controllers-leadership"));
  private LeaderElector elector;
  private volatile boolean running;
  private volatile boolean closing;

  private ElectedControllers(
      ClusterConfig config, ControllersFlags flags, PrintStream out, Runnable onLost) {
    this.client = KubeClient.create(config);
    this.informers = SharedInformers.create(client);
    this.controllers =
        BuiltinControllers.create(
            client,
            informers,
            Clock.systemUTC(),
            NodeLifecycleOptions.builder()
                .nodeMonitorGracePeriod(flags.nodeMonitorGracePeriod())
                .build());
    this.out = out;
    this.onLost = onLost;
    this.lease = flags.leaseNamespace() + "/" + flags.leaseName();
  }

  /**
   * Starts the informers and contends for the Lease {@code flags} names (or starts the controllers
   * at once without leader election). Prints a line on {@code out} when the controllers start; runs
   * {@code onLost} when they stopped because the Lease was lost, or could not start.
   */
  static ElectedControllers start(
      ClusterConfig config, ControllersFlags flags, PrintStream out, Runnable onLost) {
    return start(config, flags, true, out, onLost);
  }

  /**
   * As above; without {@code releaseOnStop} a leader that stops leaves the Lease to whoever
   * releases it (a server whose HTTPS listener has closed releases it through its storage).
   */
  static ElectedControllers start(
      ClusterConfig config,
      ControllersFlags flags,
      boolean releaseOnStop,
      PrintStream out,
      Runnable onLost) {
    ElectedControllers running = new ElectedControllers(config, flags, out, onLost);
    if (!flags.leaderElect()) {
      running.transitions.execute(running::startControllers);
      return running;
    }
    LeaderElectionOptions election =
        LeaderElectionOptions.builder(flags.leaseNamespace(), flags.leaseName())
            .releaseOnStop(releaseOnStop)
            .build();
    running.elector =
        LeaderElector.create(
            running.client,
            election,
            new LeaderCallbacks() {
              @Override
              public void onStartedLeading() {
                running.transitions.execute(running::startControllers);
              }

              @Override
              public void onStoppedLeading() {
                // close() stops the elector last and has stopped the controllers itself.
                if (!running.closing) {
                  running.transitions.execute(running::stopAfterLoss);
                }
              }
            });
    out.println(
        "Bosun controllers are standing by as "
            + election.identity()
            + " until they hold the Lease "
            + running.lease);
    running.elector.start();
    return running;
  }

  private void startControllers() {
    if (closing) {
      return;
    }
    try {
      controllers.start().await().atMost(START_TIMEOUT);
    } catch (RuntimeException e) {
      out.println("Bosun controllers could not start: " + e.getMessage());
      onLost.run();
      return;
    }
    running = true;
    out.println(
        elector == null
            ? "Bosun controllers are running"
            : "Bosun controllers are leading as " + elector.identity() + " (Lease " + lease + ")");
  }

  private void stopAfterLoss() {
    if (closing) {
      return;
    }
    stopControllers();
    out.println("Bosun controllers lost the Lease " + lease + " and stopped");
    onLost.run();
  }

  private void stopControllers() {
    if (running) {
      running = false;
      controllers.stop().await().atMost(STOP_TIMEOUT);
    }
  }

  /** The identity this copy contends for the Lease as; null without leader election. */
  String identity() {
    return elector == null ? null : elector.identity();
  }

  /** Whether the controllers run in this process now. */
  boolean running() {
    return running;
  }

  /** Stops the controllers, then releases the Lease, then stops watching. */
  @Override
  public void close() {
    closing = true;
    transitions.execute(this::stopControllers);
    transitions.shutdown();
    try {
      transitions.awaitTermination(START_TIMEOUT.plus(STOP_TIMEOUT).toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (elector != null) {
      elector.stop().await().atMost(STOP_TIMEOUT);
    }
    informers.close();
    client.close();
  }
}
