package io.bosun.agent;

import io.bosun.agent.image.ImageCatalog;
import io.bosun.agent.node.internal.NodeFacts;
import io.bosun.agent.node.internal.NodeHeartbeat;
import io.bosun.agent.node.internal.NodeLease;
import io.bosun.agent.node.internal.NodeStatusReporter;
import io.bosun.agent.pod.PodDrain;
import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.pod.PodRuntime;
import io.bosun.agent.pod.PodRuntimeOptions;
import io.bosun.agent.proxy.ServiceProxy;
import io.bosun.agent.runtime.ContainerRuntime;
import io.bosun.agent.runtime.ProcessRuntimeOptions;
import io.bosun.agent.server.internal.KubeletServer;
import io.bosun.agent.sync.internal.EventRecorder;
import io.bosun.agent.sync.internal.InformerInputs;
import io.bosun.agent.sync.internal.PodStatusWriter;
import io.bosun.agent.sync.internal.PodSync;
import io.bosun.controller.client.ClientOptions;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Bosun's kubelet: registers this machine as a Node, heartbeats its Lease, runs the pods bound to
 * it through a {@link PodRuntime} fed by an informer, writes their status and events back, and
 * serves their logs to the apiserver. Several agents with different node names, data directories
 * and pod ranges can share one machine.
 *
 * <pre>{@code
 * try (NodeAgent agent = NodeAgent.start(ClusterConfig.load(), AgentOptions.builder("node-1",
 *     Path.of("/var/lib/bosun-agent")).build())) {
 *   // pods bound to node-1 run until the agent is closed
 * }
 * }</pre>
 */
public final class NodeAgent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NodeAgent.class);

  /** How long start-up waits for the first lists of the informers. Defaults to 60 s. */
  static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  private final AgentOptions options;
  private final KubeClient client;
  private final boolean ownsClient;
  private final ScheduledExecutorService timer;
  private final Scheduler scheduler;
  private final SharedInformers informers;
  private final EventRecorder events;
  private final PodStatusWriter writer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean refreshDue = new AtomicBoolean();
  private PodRuntime runtime;
  private KubeletServer server;
  private PodSync sync;
  private NodeHeartbeat heartbeat;
  private volatile ServiceProxy proxy;

  private NodeAgent(KubeClient client, boolean ownsClient, AgentOptions options) {
    this.options = options;
    this.client = client;
    this.ownsClient = ownsClient;
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("bosun-agent-timer"));
    this.scheduler = Scheduler.of(Clock.systemUTC(), timer);
    this.informers = SharedInformers.create(client);
    this.events =
        new EventRecorder(client.resources(Event.class), options.nodeName(), scheduler.clock());
    this.writer = new PodStatusWriter(client.resources(Pod.class), events, scheduler);
  }

  /**
   * Starts an agent talking to the apiserver {@code config} describes, with a client of its own,
   * and returns once its Node is registered and its pods are being synced.
   *
   * @throws IllegalStateException if the agent cannot start (its port is taken, the apiserver never
   *     answers the first lists)
   */
  public static NodeAgent start(ClusterConfig config, AgentOptions options) {
    Objects.requireNonNull(config, "config");
    initializeMutiny();
    KubeClient client =
        KubeClient.create(
            config, ClientOptions.builder().userAgent("bosun-agent/" + options.nodeName()).build());
    return start(client, true, options);
  }

  /** Starts an agent on an existing client, which it does not close. */
  public static NodeAgent start(KubeClient client, AgentOptions options) {
    Objects.requireNonNull(client, "client");
    initializeMutiny();
    return start(client, false, options);
  }

  /**
   * Decorates a first Mutiny callback on this thread, so that Mutiny's callback decorators set
   * themselves up once: where SmallRye context propagation is on the class path without Quarkus
   * (bosun agent in the server's jar), its lazy set-up fails ("ContextManagerProvider already set")
   * when informers on several event loops race to do it.
   */
  private static void initializeMutiny() {
    Uni.createFrom().item(Boolean.TRUE).map(first -> first).await().indefinitely();
  }

  private static NodeAgent start(KubeClient client, boolean ownsClient, AgentOptions options) {
    Objects.requireNonNull(options, "options");
    NodeAgent agent = new NodeAgent(client, ownsClient, options);
    try {
      agent.run();
      return agent;
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
  }

  private void run() {
    NodeFacts facts = NodeFacts.probe(createDataDir(options));
    InformerInputs inputs = new InformerInputs(informers);
    inputs.whenSynced().await().atMost(SYNC_TIMEOUT);
    ContainerRuntime containers = containerRuntime();
    runtime = PodRuntime.create(runtimeOptions(inputs, containers));
    NodeStatusReporter reporter =
        new NodeStatusReporter(
            client.resources(Node.class), options, facts, containers.type(), scheduler.clock());
    for (Informer<?> informer : inputs.informers()) {
      watchInputs(informer);
    }
    server =
        KubeletServer.start(
            client.vertx().getDelegate(), options.nodeIP(), options.port(), runtime);
    reporter.port(server.port());
    NodeLease lease =
        new NodeLease(
            client.resources(NodeLease.LEASES),
            options.nodeName(),
            options.leaseDurationSeconds(),
            scheduler.clock());
    heartbeat =
        new NodeHeartbeat(
            options.nodeName(), reporter, lease, scheduler, options.heartbeatInterval());
    heartbeat.register();
    events.node(PodEvent.NORMAL, "Starting", "Starting kubelet.");
    heartbeat.start(informers);
    Informer<Pod> pods =
        informers.informer(
            ResourceDescriptor.of(Pod.class),
            InformerOptions.builder().fieldSelector("spec.nodeName=" + options.nodeName()).build());
    sync = new PodSync(pods, runtime, writer, options.maxPods(), scheduler.clock());
    sync.start();
    if (options.serviceProxy()) {
      proxy =
          ServiceProxy.start(
              client.vertx().getDelegate(),
              informers.informer(ResourceDescriptor.of(Service.class)),
              informers.informer(ResourceDescriptor.of(EndpointSlice.class)),
              options.nodeIP());
    }
    LOG.infof(
        "node agent %s is running: pods from %s, logs on %s:%d",
        options.nodeName(), options.podCidr(), options.nodeIP(), server.port());
  }

  /** The process runtime, in a cgroup of this node's own so that agents on one host stay apart. */
  private ContainerRuntime containerRuntime() {
    return ContainerRuntime.processes(
        ProcessRuntimeOptions.of(options.dataDir().resolve("containers"), scheduler)
            .withCgroups(
                options.cgroups()
                    ? ProcessRuntimeOptions.CgroupMode.AUTO
                    : ProcessRuntimeOptions.CgroupMode.NONE)
            .withCgroupName("bosun-" + options.nodeName()));
  }

  private PodRuntimeOptions runtimeOptions(InformerInputs inputs, ContainerRuntime containers) {
    ImageCatalog images;
    try {
      images =
          options.imageCatalog() == null
              ? ImageCatalog.builtIn()
              : ImageCatalog.load(options.imageCatalog());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the image catalog " + options.imageCatalog() + ": " + e.getMessage(), e);
    }
    return PodRuntimeOptions.builder(options.dataDir(), options.nodeName())
        .hostIP(options.nodeIP())
        .podNetwork(options.podCidr())
        .images(images)
        .inputs(inputs)
        .listener(writer)
        .scheduler(scheduler)
        .containerRuntime(containers)
        .allowedHostPaths(options.allowedHostPaths())
        .drain(proxyDrain())
        .build();
  }

  /** Drains a stopping pod from this agent's own service proxy, when it runs one. */
  private PodDrain proxyDrain() {
    return new PodDrain() {
      @Override
      public CompletionStage<Void> draining(String podIP) {
        ServiceProxy current = proxy;
        return current == null ? PodDrain.NONE.draining(podIP) : current.draining(podIP);
      }

      @Override
      public void gone(String podIP) {
        ServiceProxy current = proxy;
        if (current != null) {
          current.gone(podIP);
        }
      }
    };
  }

  /** Refreshes pods' inputs shortly after a live change of a ConfigMap, Secret, claim or volume. */
  private void watchInputs(Informer<?> informer) {
    informer.addHandler(
        EventHandler.onChange(
            (object, origin) -> {
              // Changes that come together cost one refresh.
              if (origin != Origin.INITIAL_LIST
                  && !closed.get()
                  && refreshDue.compareAndSet(false, true)) {
                scheduler.schedule(
                    Duration.ofMillis(50),
                    () -> {
                      refreshDue.set(false);
                      if (!closed.get()) {
                        runtime.refreshInputs();
                      }
                    });
              }
            }));
  }

  /** The node's name. */
  public String nodeName() {
    return options.nodeName();
  }

  /** The port of the agent's log endpoint. */
  public int port() {
    return server.port();
  }

  /**
   * Stops the agent: no more heartbeats, syncs or status writes. The pods' processes keep running,
   * for the next agent on the same data directory to take back.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (heartbeat != null) {
      heartbeat.stop();
    }
    if (sync != null) {
      sync.stop();
    }
    if (proxy != null) {
      proxy.close();
    }
    informers.close();
    writer.close();
    if (server != null) {
      server.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    if (ownsClient) {
      client.close();
    }
    timer.shutdownNow();
  }

  private static java.nio.file.Path createDataDir(AgentOptions options) {
    try {
      return Files.createDirectories(options.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the agent's data directory " + options.dataDir(), e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
