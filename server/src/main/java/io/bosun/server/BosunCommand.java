package io.bosun.server;

import io.bosun.agent.AgentMain;
import io.bosun.apiserver.boot.ServerOptions;
import io.bosun.apiserver.boot.UsageException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code bosun} command line: {@code bosun server [flags]} runs the single-machine control
 * plane, {@code bosun agent [flags]} a node agent, {@code bosun --help} lists the commands. This
 * class is the Quarkus application's main class; Quarkus starts only once a command that serves has
 * been chosen.
 */
public final class BosunCommand {
  /** Exit code for a command line that cannot be understood, as most Unix tools use it. */
  public static final int EXIT_USAGE = 2;

  static final String USAGE =
      """
      Usage: bosun <command> [flags]

      Bosun is a Kubernetes-compatible control plane on PostgreSQL.

      Commands:
        server    run the control plane on this machine: the Kubernetes API server, on an
                  embedded PostgreSQL unless --database-url is given; writes a kubeconfig for
                  kubectl into the data directory
        agent     run a node agent: registers this machine as a Node and runs the pods bound
                  to it as processes; talks to the API server of its kubeconfig
        controllers
                  run the built-in controllers in a process of their own against the API
                  server of a kubeconfig (Bosun's or any Kubernetes'), electing a leader
        help      show this help

      Run 'bosun <command> --help' for its flags.
      """;

  static final String SERVER_USAGE =
      """
      Usage: bosun server [flags]

      Runs the Kubernetes API server on this machine until it is stopped (Ctrl-C or SIGTERM),
      with the built-in controllers (ReplicaSet, Deployment, scheduler, endpoints, garbage
      collector, namespaces, node lifecycle) and a node agent for this machine in the same
      process, so that pods run here.

      Flags:
      """
          + ServerCommand.FLAGS_HELP
          + ServerOptions.FLAGS_HELP;

  private BosunCommand() {}

  /** Runs the command line {@code args}; exits the JVM when the chosen command has finished. */
  public static void main(String[] args) {
    Optional<Integer> exitCode =
        execute(
            List.of(args),
            System.out,
            System.err,
            ServerCommand::run,
            rest -> AgentMain.run(rest, System.out, System.err),
            rest -> ControllersCommand.run(rest, System.out, System.err));
    exitCode.ifPresent(System::exit);
  }

  /**
   * Interprets {@code args}: prints help or a usage error, hands the server options to {@code
   * server}, or the agent's or controllers' arguments to {@code agent} or {@code controllers},
   * which run them and return an exit code.
   *
   * @return the exit code when the command ended here (help, usage error, an agent or controllers
   *     that failed); empty when {@code server} was started or the agent or controllers ran
   */
  static Optional<Integer> execute(
      List<String> args,
      PrintStream out,
      PrintStream err,
      Consumer<ServerCommand> server,
      Function<List<String>, Integer> agent,
      Function<List<String>, Integer> controllers) {
    if (args.isEmpty()) {
      err.print(USAGE);
      return Optional.of(EXIT_USAGE);
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (command) {
      case "-h", "--help", "help" -> {
        out.print(USAGE);
        return Optional.of(0);
      }
      case "server" -> {
        if (rest.contains("-h") || rest.contains("--help")) {
          out.print(SERVER_USAGE);
          return Optional.of(0);
        }
        ServerCommand options;
        try {
          options = ServerCommand.parse(rest);
        } catch (UsageException e) {
          return usageError(err, e.getMessage(), "bosun server --help");
        }
        server.accept(options);
        return Optional.empty();
      }
      case "agent", "controllers" -> {
        int code = (command.equals("agent") ? agent : controllers).apply(rest);
        return code == 0 ? Optional.empty() : Optional.of(code);
      }
      default -> {
        String problem =
            command.startsWith("-") ? "unknown flag: " + command : "unknown command: " + command;
        return usageError(err, problem, "bosun --help");
      }
    }
  }

  private static Optional<Integer> usageError(PrintStream err, String problem, String help) {
    err.println("bosun: " + problem);
    err.println("Run '" + help + "' for usage.");
    return Optional.of(EXIT_USAGE);
  }
}
