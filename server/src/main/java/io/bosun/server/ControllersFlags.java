package io.bosun.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@code bosun controllers}: {@code --flag value} or {@code --flag=value}. The
 * leader-election flags carry kube-controller-manager's names, so that its users find them.
 *
 * @param kubeconfig the kubeconfig to use, or null to look for one as {@code bosun agent} does
 * @param leaderElect whether to act only while holding the Lease. Defaults to true.
 * @param leaseNamespace the Lease's namespace. Defaults to {@value #DEFAULT_LEASE_NAMESPACE}.
 * @param leaseName the Lease's name. Defaults to {@value #DEFAULT_LEASE_NAME}.
 * @param nodeMonitorGracePeriod how long a node may miss heartbeats before it counts as
 *     unreachable. Defaults to 40 seconds, as in Kubernetes.
 */
record ControllersFlags(
    Path kubeconfig,
    boolean leaderElect,
    String leaseNamespace,
    String leaseName,
    Duration nodeMonitorGracePeriod) {

  static final String DEFAULT_LEASE_NAMESPACE = "kube-system";
  static final String DEFAULT_LEASE_NAME = "bosun-controllers";
  static final Duration DEFAULT_NODE_MONITOR_GRACE_PERIOD = Duration.ofSeconds(40);

  /** The flags, as {@code --help} lists them. */
  static final String FLAGS_HELP =
      """
        --kubeconfig FILE                          the apiserver and credentials (default:
                                                   $KUBECONFIG, else ~/.kube/config, else
                                                   ~/.bosun/kubeconfig as bosun server writes it)
        --leader-elect BOOL                        act only while holding a Lease, so that of
                                                   several copies one acts (default true)
        --leader-elect-resource-namespace NS       the Lease's namespace (default kube-system)
        --leader-elect-resource-name NAME          the Lease's name (default bosun-controllers)
        --node-monitor-grace-period DURATION       how long a node may miss its heartbeats before
                                                   it is unreachable, e.g. 40s or 2m (default 40s)
        -h, --help                                 show this help
      """;

  private static final List<String> FLAGS =
      List.of(
          "--kubeconfig",
          "--leader-elect",
          "--leader-elect-resource-namespace",
          "--leader-elect-resource-name",
          "--node-monitor-grace-period");

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  /**
   * Reads the flags.
   *
   * @throws IllegalArgumentException with a message for the user, for an unknown flag, a missing or
   *     malformed value
   */
  static ControllersFlags parse(List<String> args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int equals = arg.indexOf('=');
      boolean inline = arg.startsWith("--") && equals > 0;
      String flag = inline ? arg.substring(0, equals) : arg;
      if (!FLAGS.contains(flag)) {
        throw new IllegalArgumentException(
            arg.startsWith("-") ? "unknown flag: " + flag : "unexpected argument: " + arg);
      }
      String value = inline ? arg.substring(equals + 1) : i + 1 < args.size() ? args.get(++i) : "";
      if (value.isEmpty()) {
        throw new IllegalArgumentException("flag needs a value: " + flag);
      }
      values.put(flag, value);
    }
    String kubeconfig = values.get("--kubeconfig");
    return new ControllersFlags(
        kubeconfig == null ? null : Path.of(kubeconfig),
        bool("--leader-elect", values.getOrDefault("--leader-elect", "true")),
        values.getOrDefault("--leader-elect-resource-namespace", DEFAULT_LEASE_NAMESPACE),
        values.getOrDefault("--leader-elect-resource-name", DEFAULT_LEASE_NAME),
        duration(values.get("--node-monitor-grace-period")));
  }

  private static boolean bool(String flag, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(flag + " must be true or false, not " + value);
    };
  }

  /** A duration as Kubernetes' flags write them, in one unit: 500ms, 40s, 2m, 1h. */
  private static Duration duration(String value) {
    if (value == null) {
      return DEFAULT_NODE_MONITOR_GRACE_PERIOD;
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          "--node-monitor-grace-period must be a positive duration such as 40s, not " + value);
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
