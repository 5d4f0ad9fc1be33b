package io.bosun.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code bosun agent}: {@code --flag value} or {@code --flag=value}.
 *
 * @param kubeconfig the kubeconfig to use, or null to look for one (see {@link #FLAGS_HELP})
 * @param options the agent's options
 */
public record AgentFlags(Path kubeconfig, AgentOptions options) {

  /** The flags, as {@code --help} lists them. */
  public static final String FLAGS_HELP =
      """
        --kubeconfig FILE        the apiserver and credentials (default: $KUBECONFIG, else
                                 ~/.kube/config, else ~/.bosun/kubeconfig as bosun server writes it)
        --node-name NAME         the Node to register (default: the host name)
        --data-dir DIR           pods, logs and checkpoints (default ~/.bosun/agents/NAME)
        --pod-cidr CIDR          the loopback range pod IPs come from (default 127.1.0.0/16);
                                 agents sharing a machine need distinct ranges
        --max-pods N             the most pods this node runs (default 110)
        --node-ip IP             the node's InternalIP, where the log endpoint listens
                                 (default 127.0.0.1)
        --port PORT              the log endpoint's port, 0 for any free one (default 10250)
        --image-catalog FILE     a YAML catalog mapping images to executables
        --allowed-host-path DIR  a directory hostPath volumes may use; repeatable (default /tmp)
        --service-proxy BOOL     proxy Services' ClusterIPs and node ports here (default true);
                                 of several agents on one machine, one is enough
        -h, --help               show this help
      """;

  private static final List<String> FLAGS =
      List.of(
          "--kubeconfig",
          "--node-name",
          "--data-dir",
          "--pod-cidr",
          "--max-pods",
          "--node-ip",
          "--port",
          "--image-catalog",
          "--allowed-host-path",
          "--service-proxy");

  /**
   * Reads the flags.
   *
   * @throws IllegalArgumentException with a message for the user, for an unknown flag, a missing or
   *     malformed value
   */
  public static AgentFlags parse(List<String> args) {
    Path kubeconfig = null;
    String nodeName = null;
    Path dataDir = null;
    List<Path> hostPaths = new ArrayList<>();
    List<String[]> settings = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String flag = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        flag = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (!FLAGS.contains(flag)) {
        throw new IllegalArgumentException(
            arg.startsWith("-") ? "unknown flag: " + flag : "unexpected argument: " + arg);
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("flag needs a value: " + flag);
        }
        value = args.get(++i);
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("flag needs a value: " + flag);
      }
      switch (flag) {
        case "--kubeconfig" -> kubeconfig = Path.of(value);
        case "--node-name" -> nodeName = value;
        case "--data-dir" -> dataDir = Path.of(value);
        case "--allowed-host-path" -> hostPaths.add(Path.of(value).toAbsolutePath().normalize());
        default -> settings.add(new String[] {flag, value});
      }
    }
    if (nodeName == null) {
      nodeName = AgentOptions.defaultNodeName();
    }
    if (dataDir == null) {
      dataDir = Path.of(System.getProperty("user.home"), ".bosun", "agents", nodeName);
    }
    AgentOptions.Builder builder =
        AgentOptions.builder(nodeName, dataDir.toAbsolutePath().normalize());
    for (String[] setting : settings) {
      String value = setting[1];
      switch (setting[0]) {
        case "--pod-cidr" -> builder.podCidr(value);
        case "--max-pods" -> builder.maxPods(number("--max-pods", value));
        case "--node-ip" -> builder.nodeIP(value);
        case "--port" -> builder.port(number("--port", value));
        case "--service-proxy" -> builder.serviceProxy(bool("--service-proxy", value));
        default -> builder.imageCatalog(Path.of(value).toAbsolutePath());
      }
    }
    if (!hostPaths.isEmpty()) {
      builder.allowedHostPaths(hostPaths);
    }
    return new AgentFlags(kubeconfig, builder.build());
  }

  private static boolean bool(String flag, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(flag + " must be true or false, not " + value);
    };
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, not " + value);
    }
  }
}
