package io.bosun.server;

import io.bosun.apiserver.boot.ApiServerBoot;
import io.bosun.apiserver.boot.ServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code bosun server} runs: the apiserver's {@link ServerOptions} and whether a node agent
 * runs in the same process. The agent flag lives here rather than in {@link ServerOptions} because
 * the apiserver-only application has no agent to start.
 *
 * @param options the apiserver's options
 * @param agent whether to start a node agent in-process. Defaults to true.
 */
public record ServerCommand(ServerOptions options, boolean agent) {

  /** The flags this command adds to {@link ServerOptions#FLAGS_HELP}. */
  static final String FLAGS_HELP =
      """
        --no-agent            do not run a node agent in this process: pods then run only
                              where a 'bosun agent' runs
      """;

  public ServerCommand {
    Objects.requireNonNull(options, "options");
  }

  /**
   * Reads the command line: {@code --no-agent}, and the rest as {@link ServerOptions#parse}.
   *
   * @throws io.bosun.apiserver.boot.UsageException as {@link ServerOptions#parse} does
   */
  static ServerCommand parse(List<String> args) {
    List<String> rest = new ArrayList<>(args);
    boolean agent = !rest.removeIf("--no-agent"::equals);
    return new ServerCommand(ServerOptions.parse(rest), agent);
  }

  /** The in-process agent's data directory: its pods, logs and checkpoints. */
  static Path agentDataDir(ServerOptions options) {
    return options.dataDir().resolve("agent");
  }

  /** Runs the server; exits the JVM when it stops. */
  void run() {
    // Read by InProcessAgent once Quarkus has started; system properties override the defaults.
    System.setProperty(InProcessAgent.ENABLED, Boolean.toString(agent));
    System.setProperty(InProcessAgent.DATA_DIR, agentDataDir(options).toString());
    ApiServerBoot.runOrExit(options);
  }
}
