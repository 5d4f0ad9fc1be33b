package io.bosun.server;

import io.bosun.agent.AgentOptions;
import io.bosun.agent.NodeAgent;
import io.bosun.controller.config.ClusterConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs a node agent inside {@code bosun server}, so that a one-machine cluster runs its pods
 * without a second command. Like the in-process controllers it reaches the apiserver over HTTPS
 * with the kubeconfig the server wrote: it is the same {@link NodeAgent} that {@code bosun agent}
 * runs.
 */
@ApplicationScoped
public class InProcessAgent {
  /** Whether the agent runs: {@code bosun server --no-agent} sets it to false. */
  static final String ENABLED = "bosun.agent.enabled";

  /** The agent's data directory; {@code bosun server} puts it under its own data directory. */
  static final String DATA_DIR = "bosun.agent.data-dir";

  private static final Logger LOG = Logger.getLogger(InProcessAgent.class);

  @ConfigProperty(name = "bosun.kubeconfig")
  Optional<String> kubeconfig;

  @ConfigProperty(name = ENABLED, defaultValue = "true")
  boolean enabled;

  @ConfigProperty(name = DATA_DIR)
  Optional<String> dataDir;

  /** The Node's name. Defaults to the host name, as for {@code bosun agent}. */
  @ConfigProperty(name = "bosun.agent.node-name")
  Optional<String> nodeName;

  /** The pod address range. Defaults to the agent's, 127.1.0.0/16. */
  @ConfigProperty(name = "bosun.agent.pod-cidr")
  Optional<String> podCidr;

  /**
   * The agent's log endpoint port. Defaults to 0, any free port: the apiserver finds it in the
   * Node's status, and a fixed 10250 would stop a second server on the machine from running pods.
   */
  @ConfigProperty(name = "bosun.agent.port", defaultValue = "0")
  int port;

  private volatile NodeAgent agent;
  private volatile boolean stopped;

  void start(@Observes StartupEvent event) {
    if (!enabled || kubeconfig.isEmpty() || dataDir.isEmpty()) {
      return;
    }
    AgentOptions.Builder options =
        AgentOptions.builder(
                nodeName.orElseGet(AgentOptions::defaultNodeName), Path.of(dataDir.get()))
            .port(port);
    podCidr.ifPresent(options::podCidr);
    ClusterConfig config = ClusterConfig.fromKubeconfig(Path.of(kubeconfig.get()));
    // NodeAgent.start waits for the agent's first lists, which need the HTTPS listener that Quarkus
    // opens after this event: start it beside the server rather than in its way.
    Thread starter = new Thread(() -> run(config, options.build()), "bosun-agent-start");
    starter.setDaemon(true);
    starter.start();
  }

  private void run(ClusterConfig config, AgentOptions options) {
    try {
      NodeAgent started = NodeAgent.start(config, options);
      synchronized (this) {
        if (stopped) {
          started.close();
          return;
        }
        agent = started;
      }
      LOG.debugf("node agent %s started", options.nodeName());
    } catch (RuntimeException e) {
      LOG.errorf("the node agent did not start: %s", e.getMessage());
    }
  }

  /** Stops the agent; its pods' processes keep running for the next start to take back. */
  synchronized void stop(@Observes ShutdownEvent event) {
    stopped = true;
    if (agent != null) {
      agent.close();
    }
  }
}
