package io.bosun.server;

import io.bosun.apiserver.boot.ApiServerBoot;
import io.bosun.apiserver.boot.ServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code bosun server} runs: the apiserver's {@link ServerOptions}, and whether the built-in
 * controllers and a node agent run in the same process. Those two flags live here rather than in
 * {@link ServerOptions} because the apiserver-only application has neither to start.
 *
 * @param options the apiserver's options
 * @param controllers whether to run the built-in controllers in-process. Defaults to true.
 * @param agent whether to start a node agent in-process. Defaults to true.
 */
public record ServerCommand(ServerOptions options, boolean controllers, boolean agent) {

  /** The flags this command adds to {@link ServerOptions#FLAGS_HELP}. */
  static final String FLAGS_HELP =
      """
        --no-controllers      do not run the built-in controllers in this process; run
                              'bosun controllers' against this server instead
        --no-agent            do not run a node agent in this process: pods then run only
                              where a 'bosun agent' runs
      """;

  public ServerCommand {
    Objects.requireNonNull(options, "options");
  }

  /**
   * Reads the command line: {@code --no-controllers}, {@code --no-agent}, and the rest as {@link
   * ServerOptions#parse}.
   *
   * @throws io.bosun.apiserver.boot.UsageException as {@link ServerOptions#parse} does
   */
  static ServerCommand parse(List<String> args) {
    List<String> rest = new ArrayList<>(args);
    boolean controllers = !rest.removeIf("--no-controllers"::equals);
    boolean agent = !rest.removeIf("--no-agent"::equals);
    return new ServerCommand(ServerOptions.parse(rest), controllers, agent);
  }

  /** The in-process agent's data directory: its pods, logs and checkpoints. */
  static Path agentDataDir(ServerOptions options) {
    return options.dataDir().resolve("agent");
  }

  /** Runs the server; exits the JVM when it stops. */
  void run() {
    // Read by InProcessControllers and InProcessAgent once Quarkus has started; system properties
    // override the defaults.
    System.setProperty("bosun.controllers.enabled", Boolean.toString(controllers));
    System.setProperty(InProcessAgent.ENABLED, Boolean.toString(agent));
    System.setProperty(InProcessAgent.DATA_DIR, agentDataDir(options).toString());
    ApiServerBoot.runOrExit(options);
  }
}
