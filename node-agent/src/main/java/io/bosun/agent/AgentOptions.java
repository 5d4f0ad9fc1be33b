package io.bosun.agent;

import io.bosun.agent.node.internal.NodeFacts;
import io.bosun.agent.pod.PodRuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link NodeAgent} runs. Build with {@link #builder(String, Path)}.
 *
 * @param nodeName the Node's name, which pods name in {@code spec.nodeName}
 * @param dataDir where pods, logs and checkpoints live; one per agent
 * @param podCidr the loopback range pod addresses come from; distinct per agent on one machine
 * @param maxPods the most pods the node runs; its {@code pods} capacity
 * @param nodeIP the node's address: its InternalIP, the pods' hostIP, and where the agent's log
 *     endpoint listens
 * @param port the log endpoint's port, 0 for any free one (reported in the Node's {@code
 *     daemonEndpoints})
 * @param heartbeatInterval how often the node Lease is renewed and the node's conditions checked
 * @param leaseDurationSeconds the Lease's {@code leaseDurationSeconds}
 * @param statusReportPeriod how often the Node's status is written when nothing in it changed
 * @param imageCatalog a YAML image catalog, or null for the built-in images only
 * @param allowedHostPaths the host directories hostPath volumes may use
 * @param cgroups whether to enforce resource limits with cgroups where the machine allows
 * @param serviceProxy whether the agent proxies Services (ClusterIPs and node ports) on this
 *     machine; of several agents sharing a machine, one is enough
 */
public record AgentOptions(
    String nodeName,
    Path dataDir,
    String podCidr,
    int maxPods,
    String nodeIP,
    int port,
    Duration heartbeatInterval,
    int leaseDurationSeconds,
    Duration statusReportPeriod,
    Path imageCatalog,
    List<Path> allowedHostPaths,
    boolean cgroups,
    boolean serviceProxy) {

  /** The kubelet's default pod limit: {@value}. */
  public static final int DEFAULT_MAX_PODS = 110;

  /** The kubelet's port: {@value}. */
  public static final int DEFAULT_PORT = 10250;

  /** The node address: {@code 127.0.0.1}, so the log endpoint is reachable from this host only. */
  public static final String DEFAULT_NODE_IP = PodRuntimeOptions.DEFAULT_HOST_IP;

  /** The kubelet's lease renewal interval: 10 s. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  /** The kubelet's node lease duration: {@value} s. */
  public static final int DEFAULT_LEASE_DURATION_SECONDS = 40;

  /** The kubelet's nodeStatusReportFrequency: 5 minutes. */
  public static final Duration DEFAULT_STATUS_REPORT_PERIOD = Duration.ofMinutes(5);

  /** Checks the options. */
  public AgentOptions {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(podCidr, "podCidr");
    Objects.requireNonNull(nodeIP, "nodeIP");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(statusReportPeriod, "statusReportPeriod");
    allowedHostPaths = List.copyOf(allowedHostPaths);
    if (!nodeName.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "node name must be a lowercase RFC 1123 subdomain: " + nodeName);
    }
    if (maxPods < 1) {
      throw new IllegalArgumentException("maxPods must be positive: " + maxPods);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("heartbeatInterval must be positive");
    }
    if (leaseDurationSeconds < 1) {
      throw new IllegalArgumentException("leaseDurationSeconds must be positive");
    }
  }

  /** The default node name, as the kubelet's: the host name in lower case. */
  public static String defaultNodeName() {
    return NodeFacts.localHostname();
  }

  /** A builder for node {@code nodeName} on {@code dataDir}, every other option at its default. */
  public static Builder builder(String nodeName, Path dataDir) {
    return new Builder(nodeName, dataDir);
  }

  /** Builds {@link AgentOptions}. */
  public static final class Builder {
    private final String nodeName;
    private final Path dataDir;
    private String podCidr = PodRuntimeOptions.DEFAULT_POD_NETWORK;
    private int maxPods = DEFAULT_MAX_PODS;
    private String nodeIP = DEFAULT_NODE_IP;
    private int port = DEFAULT_PORT;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private int leaseDurationSeconds = DEFAULT_LEASE_DURATION_SECONDS;
    private Duration statusReportPeriod = DEFAULT_STATUS_REPORT_PERIOD;
    private Path imageCatalog;
    private List<Path> allowedHostPaths = PodRuntimeOptions.DEFAULT_ALLOWED_HOST_PATHS;
    private boolean cgroups = true;
    private boolean serviceProxy = true;

    private Builder(String nodeName, Path dataDir) {
      this.nodeName = nodeName;
      this.dataDir = dataDir;
    }

    /** The pod address range. Defaults to {@code 127.1.0.0/16}. */
    public Builder podCidr(String podCidr) {
      this.podCidr = podCidr;
      return this;
    }

    /** The pod limit. Defaults to {@value #DEFAULT_MAX_PODS}. */
    public Builder maxPods(int maxPods) {
      this.maxPods = maxPods;
      return this;
    }

    /** The node address. Defaults to {@code 127.0.0.1}. */
    public Builder nodeIP(String nodeIP) {
      this.nodeIP = nodeIP;
      return this;
    }

    /** The log endpoint's port, 0 for any. Defaults to {@value #DEFAULT_PORT}. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The Lease renewal interval. Defaults to 10 s. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /** The Lease duration. Defaults to {@value #DEFAULT_LEASE_DURATION_SECONDS} s. */
    public Builder leaseDurationSeconds(int leaseDurationSeconds) {
      this.leaseDurationSeconds = leaseDurationSeconds;
      return this;
    }

    /** How often an unchanged Node status is written. Defaults to 5 minutes. */
    public Builder statusReportPeriod(Duration statusReportPeriod) {
      this.statusReportPeriod = statusReportPeriod;
      return this;
    }

    /** A YAML image catalog. Defaults to null: the built-in images. */
    public Builder imageCatalog(Path imageCatalog) {
      this.imageCatalog = imageCatalog;
      return this;
    }

    /** The directories hostPath volumes may use. Defaults to {@code [/tmp]}. */
    public Builder allowedHostPaths(List<Path> allowedHostPaths) {
      this.allowedHostPaths = allowedHostPaths;
      return this;
    }

    /** Whether to enforce limits with cgroups. Defaults to true. */
    public Builder cgroups(boolean cgroups) {
      this.cgroups = cgroups;
      return this;
    }

    /** Whether to proxy Services on this machine. Defaults to true. */
    public Builder serviceProxy(boolean serviceProxy) {
      this.serviceProxy = serviceProxy;
      return this;
    }

    /** The options. */
    public AgentOptions build() {
      return new AgentOptions(
          nodeName,
          dataDir,
          podCidr,
          maxPods,
          nodeIP,
          port,
          heartbeatInterval,
          leaseDurationSeconds,
          statusReportPeriod,
          imageCatalog,
          allowedHostPaths,
          cgroups,
          serviceProxy);
    }
  }
}
