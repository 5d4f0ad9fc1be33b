package io.bosun.agent;

import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.config.ConfigException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The entry point of {@code bosun agent [flags]}: starts a {@link NodeAgent} and runs it until the
 * process is stopped (Ctrl-C or SIGTERM). Stopping the agent leaves its pods' processes running, as
 * stopping a kubelet leaves its containers; the next agent on the same data directory takes them
 * back.
 */
public final class AgentMain {
  /** Exit code for a command line that cannot be understood. */
  public static final int EXIT_USAGE = 2;

  /** Exit code for an agent that could not start. */
  public static final int EXIT_FAILURE = 1;

  static final String USAGE =
      "Usage: bosun agent [flags]\n\n"
          + "Runs the pods bound to this machine's Node until it is stopped (Ctrl-C or SIGTERM).\n\n"
          + "Flags:\n"
          + AgentFlags.FLAGS_HELP;

  private AgentMain() {}

  /** Runs the agent; exits the JVM with a non-zero code if it cannot start. */
  public static void main(String[] args) {
    int code = run(List.of(args), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the agent for {@code args} until the JVM shuts down.
   *
   * @return the exit code when the command ended without running (help, usage error, failure)
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("-h") || args.contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    AgentFlags flags;
    ClusterConfig config;
    try {
      flags = AgentFlags.parse(args);
      config = clusterConfig(flags.kubeconfig());
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("bosun agent: " + e.getMessage());
      err.println("Run 'bosun agent --help' for usage.");
      return EXIT_USAGE;
    }
    NodeAgent agent;
    try {
      agent = NodeAgent.start(config, flags.options());
    } catch (RuntimeException e) {
      err.println("bosun agent: cannot start: " + e.getMessage());
      return EXIT_FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  stopped.countDown();
                },
                "bosun-agent-stop"));
    out.println(
        "Bosun agent is running: node "
            + agent.nodeName()
            + ", logs on "
            + flags.options().nodeIP()
            + ":"
            + agent.port());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** The kubeconfig given, else kubectl's search, else the one {@code bosun server} writes. */
  private static ClusterConfig clusterConfig(Path kubeconfig) {
    if (kubeconfig != null) {
      return ClusterConfig.fromKubeconfig(kubeconfig);
    }
    try {
      return ClusterConfig.load();
    } catch (ConfigException e) {
      Path bosun = Path.of(System.getProperty("user.home"), ".bosun", "kubeconfig");
      if (Files.isRegularFile(bosun)) {
        return ClusterConfig.fromKubeconfig(bosun);
      }
      throw e;
    }
  }
}
