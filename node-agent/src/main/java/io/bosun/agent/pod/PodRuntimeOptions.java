package io.bosun.agent.pod;

import io.bosun.agent.image.ImageCatalog;
import io.bosun.agent.logs.LogRotation;
import io.bosun.agent.runtime.ContainerConfig;
import io.bosun.agent.runtime.ContainerRuntime;
import io.bosun.controller.queue.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link PodRuntime}. Build them with {@link #builder(Path, String)}.
 *
 * @param dataDir the agent's data directory: pod directories, logs, checkpoints
 * @param nodeName the node's name ({@code spec.nodeName} of its pods)
 * @param hostIP the node's address, the pods' {@code status.hostIP}
 * @param podNetwork the loopback range pod addresses come from, in CIDR notation
 * @param images what images run
 * @param inputs ConfigMaps, Secrets, claims and tokens of the cluster
 * @param listener where status updates and events go
 * @param scheduler the clock and timers (back-off, probes, grace periods)
 * @param containerRuntime the container runtime, or null for the process runtime in {@code
 *     dataDir/containers}
 * @param logRotation how container logs are rotated
 * @param allowedHostPaths the host directories hostPath volumes may use (and everything below)
 * @param allocatableCpuMillis the node's allocatable CPU, the default of a container's CPU limit
 *     for the downward API
 * @param allocatableMemoryBytes the node's allocatable memory, likewise
 * @param runAs if not null, every container runs as this user unless its securityContext names
 *     another non-root user; a container asking for root is refused
 * @param containerPath the PATH of containers whose image and env set none
 * @param resyncPeriod how often ConfigMap, Secret and downward API volumes are refreshed
 * @param drain what takes a pod out of this node's traffic before its containers stop
 */
public record PodRuntimeOptions(
    Path dataDir,
    String nodeName,
    String hostIP,
    String podNetwork,
    ImageCatalog images,
    PodInputs inputs,
    PodStatusListener listener,
    Scheduler scheduler,
    ContainerRuntime containerRuntime,
    LogRotation logRotation,
    List<Path> allowedHostPaths,
    long allocatableCpuMillis,
    long allocatableMemoryBytes,
    ContainerConfig.RunAs runAs,
    String containerPath,
    Duration resyncPeriod,
    PodDrain drain) {

  /** The node address: {@code 127.0.0.1}. */
  public static final String DEFAULT_HOST_IP = "127.0.0.1";

  /** The pod address range: {@code 127.1.0.0/16}. */
  public static final String DEFAULT_POD_NETWORK = "127.1.0.0/16";

  /** The host directories hostPath volumes may use: {@code /tmp}. */
  public static final List<Path> DEFAULT_ALLOWED_HOST_PATHS = List.of(Path.of("/tmp"));

  /** The volume refresh period: 60 s, the kubelet's syncFrequency. */
  public static final Duration DEFAULT_RESYNC_PERIOD = Duration.ofSeconds(60);

  /** Checks the options. */
  public PodRuntimeOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(hostIP, "hostIP");
    Objects.requireNonNull(podNetwork, "podNetwork");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(logRotation, "logRotation");
    allowedHostPaths = List.copyOf(allowedHostPaths);
    Objects.requireNonNull(containerPath, "containerPath");
    Objects.requireNonNull(resyncPeriod, "resyncPeriod");
    Objects.requireNonNull(drain, "drain");
    if (allocatableCpuMillis < 1 || allocatableMemoryBytes < 1) {
      throw new IllegalArgumentException("allocatable CPU and memory must be positive");
    }
  }

  /** A builder with every option at its default. */
  public static Builder builder(Path dataDir, String nodeName) {
    return new Builder(dataDir, nodeName);
  }

  /** Builds {@link PodRuntimeOptions}. */
  public static final class Builder {
    private final Path dataDir;
    private final String nodeName;
    private String hostIP = DEFAULT_HOST_IP;
    private String podNetwork = DEFAULT_POD_NETWORK;
    private ImageCatalog images;
    private PodInputs inputs = PodInputs.NONE;
    private PodStatusListener listener = PodStatusListener.NONE;
    private Scheduler scheduler;
    private ContainerRuntime containerRuntime;
    private LogRotation logRotation = LogRotation.DEFAULTS;
    private List<Path> allowedHostPaths = DEFAULT_ALLOWED_HOST_PATHS;
    private long allocatableCpuMillis = Runtime.getRuntime().availableProcessors() * 1000L;
    private long allocatableMemoryBytes = NodeResources.memoryBytes();
    private ContainerConfig.RunAs runAs;
    private String containerPath = NodeResources.path();
    private Duration resyncPeriod = DEFAULT_RESYNC_PERIOD;
    private PodDrain drain = PodDrain.NONE;

    private Builder(Path dataDir, String nodeName) {
      this.dataDir = dataDir;
      this.nodeName = nodeName;
    }

    /** The node's address. Defaults to {@code 127.0.0.1}. */
    public Builder hostIP(String hostIP) {
      this.hostIP = hostIP;
      return this;
    }

    /** The pod address range. Defaults to {@code 127.1.0.0/16}. */
    public Builder podNetwork(String podNetwork) {
      this.podNetwork = podNetwork;
      return this;
    }

    /** The image catalog. Defaults to {@link ImageCatalog#builtIn()}. */
    public Builder images(ImageCatalog images) {
      this.images = images;
      return this;
    }

    /** The cluster inputs. Defaults to {@link PodInputs#NONE}. */
    public Builder inputs(PodInputs inputs) {
      this.inputs = inputs;
      return this;
    }

    /** The status listener. Defaults to {@link PodStatusListener#NONE}. */
    public Builder listener(PodStatusListener listener) {
      this.listener = listener;
      return this;
    }

    /** The clock and timers. Defaults to {@link Scheduler#system()}. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** The container runtime. Defaults to the process runtime under the data directory. */
    public Builder containerRuntime(ContainerRuntime containerRuntime) {
      this.containerRuntime = containerRuntime;
      return this;
    }

    /** Log rotation. Defaults to {@link LogRotation#DEFAULTS}. */
    public Builder logRotation(LogRotation logRotation) {
      this.logRotation = logRotation;
      return this;
    }

    /** The directories hostPath volumes may use. Defaults to {@code [/tmp]}. */
    public Builder allowedHostPaths(List<Path> allowedHostPaths) {
      this.allowedHostPaths = allowedHostPaths;
      return this;
    }

    /** The node's allocatable CPU in millicores. Defaults to the machine's processors. */
    public Builder allocatableCpuMillis(long allocatableCpuMillis) {
      this.allocatableCpuMillis = allocatableCpuMillis;
      return this;
    }

    /** The node's allocatable memory. Defaults to the machine's memory. */
    public Builder allocatableMemoryBytes(long allocatableMemoryBytes) {
      this.allocatableMemoryBytes = allocatableMemoryBytes;
      return this;
    }

    /** The user containers run as. Defaults to null: the agent's user. */
    public Builder runAs(ContainerConfig.RunAs runAs) {
      this.runAs = runAs;
      return this;
    }

    /** The PATH of containers that set none. Defaults to the agent's own PATH. */
    public Builder containerPath(String containerPath) {
      this.containerPath = containerPath;
      return this;
    }

    /** The volume refresh period. Defaults to 60 s. */
    public Builder resyncPeriod(Duration resyncPeriod) {
      this.resyncPeriod = resyncPeriod;
      return this;
    }

    /**
     * What drains a pod's traffic before its containers stop. Defaults to {@link PodDrain#NONE}.
     */
    public Builder drain(PodDrain drain) {
      this.drain = drain;
      return this;
    }

    /** The options. */
    public PodRuntimeOptions build() {
      return new PodRuntimeOptions(
          dataDir,
          nodeName,
          hostIP,
          podNetwork,
          images != null ? images : ImageCatalog.builtIn(),
          inputs,
          listener,
          scheduler != null ? scheduler : Scheduler.system(),
          containerRuntime,
          logRotation,
          allowedHostPaths,
          allocatableCpuMillis,
          allocatableMemoryBytes,
          runAs,
          containerPath,
          resyncPeriod,
          drain);
    }
  }
}
