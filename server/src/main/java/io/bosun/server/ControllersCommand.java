package io.bosun.server;

import io.bosun.agent.AgentMain;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.config.ConfigException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bosun controllers [flags]}: the built-in controllers in a process of their own, against
 * the apiserver of a kubeconfig (Bosun's or any Kubernetes'), until the process is stopped.
 */
final class ControllersCommand {
  /** Exit code for controllers that could not start or lost their Lease. */
  static final int EXIT_FAILURE = 1;

  static final String USAGE =
      "Usage: bosun controllers [flags]\n\n"
          + "Runs the built-in controllers (ReplicaSet, Deployment, garbage collector, namespaces,\n"
          + "scheduler, node lifecycle, endpoints) against the API server of a kubeconfig until\n"
          + "stopped. With leader election (the default) several copies may run: the one holding\n"
          + "the Lease acts, the others stand by; a leader that loses the Lease exits.\n\n"
          + "Flags:\n"
          + ControllersFlags.FLAGS_HELP;

  private ControllersCommand() {}

  /**
   * Runs the controllers for {@code args} until the JVM shuts down or they stop.
   *
   * @return 0 after a shutdown or for help; {@link BosunCommand#EXIT_USAGE} for a bad command line;
   *     {@link #EXIT_FAILURE} when the controllers could not start or lost their Lease
   */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("-h") || args.contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    ControllersFlags flags;
    ClusterConfig config;
    try {
      flags = ControllersFlags.parse(args);
      config = AgentMain.clusterConfig(flags.kubeconfig());
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("bosun controllers: " + e.getMessage());
      err.println("Run 'bosun controllers --help' for usage.");
      return BosunCommand.EXIT_USAGE;
    }
    AgentMain.logToConsole();
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger code = new AtomicInteger();
    ElectedControllers controllers =
        ElectedControllers.start(
            config,
            flags,
            out,
            () -> {
              code.set(EXIT_FAILURE);
              stopped.countDown();
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  controllers.close();
                  stopped.countDown();
                },
                "bosun-controllers-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return code.get();
  }
}
