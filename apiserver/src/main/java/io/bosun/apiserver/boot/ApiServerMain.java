package io.bosun.apiserver.boot;

import java.util.List;

/**
 * The entry point of the apiserver-only application ({@code java -jar
 * apiserver/target/quarkus-app/quarkus-run.jar [flags]}): the same flags as {@code bosun server},
 * without the built-in controllers or the node agent.
 */
public final class ApiServerMain {
  private ApiServerMain() {}

  /** Parses the flags and runs the apiserver until it is stopped. */
  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    if (arguments.contains("-h") || arguments.contains("--help")) {
      System.out.println("Usage: bosun-apiserver [flags]\n\nFlags:\n" + ServerOptions.FLAGS_HELP);
      return;
    }
    ServerOptions options;
    try {
      options = ServerOptions.parse(arguments);
    } catch (UsageException e) {
      System.err.println("bosun-apiserver: " + e.getMessage());
      System.err.println("Run 'bosun-apiserver --help' for usage.");
      System.exit(2);
      return;
    }
    ApiServerBoot.runOrExit(options);
  }
}
