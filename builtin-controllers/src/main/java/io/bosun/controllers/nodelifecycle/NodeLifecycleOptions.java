package io.bosun.controllers.nodelifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * How the node lifecycle controller judges node health.
 *
 * @param nodeMonitorGracePeriod how long a node may go without a heartbeat (a renewed Lease or a
 *     new Ready heartbeat in its status) before its conditions become Unknown
 * @param nodeStartupGracePeriod the same for a node whose kubelet never posted a Ready condition
 */
public record NodeLifecycleOptions(
    Duration nodeMonitorGracePeriod, Duration nodeStartupGracePeriod) {

  /** kube-controller-manager's {@code --node-monitor-grace-period}: 40 seconds. */
  public static final Duration DEFAULT_NODE_MONITOR_GRACE_PERIOD = Duration.ofSeconds(40);

  /** kube-controller-manager's {@code --node-startup-grace-period}: 1 minute. */
  public static final Duration DEFAULT_NODE_STARTUP_GRACE_PERIOD = Duration.ofMinutes(1);

  /** Every option at its default. */
  public static final NodeLifecycleOptions DEFAULTS = builder().build();

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if a period is not positive
   */
  public NodeLifecycleOptions {
    Objects.requireNonNull(nodeMonitorGracePeriod, "nodeMonitorGracePeriod");
    Objects.requireNonNull(nodeStartupGracePeriod, "nodeStartupGracePeriod");
    if (nodeMonitorGracePeriod.isNegative() || nodeMonitorGracePeriod.isZero()) {
      throw new IllegalArgumentException(
          "nodeMonitorGracePeriod must be positive: " + nodeMonitorGracePeriod);
    }
    if (nodeStartupGracePeriod.isNegative() || nodeStartupGracePeriod.isZero()) {
      throw new IllegalArgumentException(
          "nodeStartupGracePeriod must be positive: " + nodeStartupGracePeriod);
    }
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link NodeLifecycleOptions}; every field starts at its default. */
  public static final class Builder {
    private Duration nodeMonitorGracePeriod = DEFAULT_NODE_MONITOR_GRACE_PERIOD;
    private Duration nodeStartupGracePeriod = DEFAULT_NODE_STARTUP_GRACE_PERIOD;

    private Builder() {}

    /** See {@link NodeLifecycleOptions#nodeMonitorGracePeriod()}. Defaults to 40 seconds. */
    public Builder nodeMonitorGracePeriod(Duration period) {
      this.nodeMonitorGracePeriod = period;
      return this;
    }

    /** See {@link NodeLifecycleOptions#nodeStartupGracePeriod()}. Defaults to 1 minute. */
    public Builder nodeStartupGracePeriod(Duration period) {
      this.nodeStartupGracePeriod = period;
      return this;
    }

    /** The options; checks them. */
    public NodeLifecycleOptions build() {
      return new NodeLifecycleOptions(nodeMonitorGracePeriod, nodeStartupGracePeriod);
    }
  }
}
