package io.bosun.agent;

import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.config.ConfigException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

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
    logToConsole();
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

  /**
   * Sends log records to stderr unless a stream handler does already: inside the server's jar the
   * log manager is Quarkus's, whose only handler holds records back until Quarkus configures
   * logging, and the agent does not start Quarkus (nor does {@code bosun controllers}).
   */
  public static void logToConsole() {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      if (handler instanceof StreamHandler) {
        return;
      }
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(
        new Formatter() {
          @Override
          public String format(LogRecord record) {
            String thrown = record.getThrown() == null ? "" : " (" + record.getThrown() + ")";
            return String.format(
                "%1$tFT%1$tT %2$s %3$s: %4$s%5$s%n",
                record.getMillis(),
                record.getLevel(),
                record.getLoggerName(),
                formatMessage(record),
                thrown);
          }
        });
    root.addHandler(console);
  }

  /**
   * The kubeconfig given, else kubectl's search, else the one {@code bosun server} writes; {@code
   * bosun controllers} looks the same way.
   */
  public static ClusterConfig clusterConfig(Path kubeconfig) {
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
