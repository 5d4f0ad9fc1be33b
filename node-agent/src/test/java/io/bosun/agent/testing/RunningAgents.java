package io.bosun.agent.testing;

import io.bosun.agent.AgentOptions;
import io.bosun.agent.NodeAgent;
import io.bosun.agent.pod.PodRuntime;
import io.bosun.agent.pod.PodRuntimeOptions;
import io.bosun.agent.runtime.ContainerRuntime;
import io.bosun.agent.runtime.ProcessRuntimeOptions;
import io.bosun.agent.volume.internal.AtomicWriter;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.queue.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Node agents for integration tests, each on a data directory of its own under one temporary
 * directory, with a free port and a one-second heartbeat. Closing stops them and then every pod
 * process they left running (an agent that stops leaves its pods, as a kubelet does).
 */
public final class RunningAgents implements AutoCloseable {
  /** The heartbeat of test agents: a second, so that tests see Lease renewals quickly. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private final ClusterConfig config;
  private final Path dir;
  private final List<NodeAgent> agents = new ArrayList<>();
  private final List<AgentOptions> started = new ArrayList<>();

  private RunningAgents(ClusterConfig config, Path dir) {
    this.config = config;
    this.dir = dir;
  }

  /** Agents of the apiserver {@code config} describes. */
  public static RunningAgents of(ClusterConfig config) {
    try {
      return new RunningAgents(config, Files.createTempDirectory("bosun-agents-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Test options for node {@code nodeName} with pod range {@code podCidr}. */
  public AgentOptions.Builder options(String nodeName, String podCidr) {
    return AgentOptions.builder(nodeName, dir.resolve(nodeName))
        .podCidr(podCidr)
        .port(0)
        .heartbeatInterval(HEARTBEAT)
        .allowedHostPaths(List.of(dir, Path.of("/tmp")));
  }

  /** Starts an agent for node {@code nodeName} with pod range {@code podCidr}. */
  public NodeAgent start(String nodeName, String podCidr) {
    return start(options(nodeName, podCidr).build());
  }

  /** Starts an agent with {@code options}. */
  public synchronized NodeAgent start(AgentOptions options) {
    NodeAgent agent = NodeAgent.start(config, options);
    agents.add(agent);
    if (!started.contains(options)) {
      started.add(options);
    }
    return agent;
  }

  /** Stops {@code agent}, leaving its pods running. */
  public synchronized void stop(NodeAgent agent) {
    agent.close();
    agents.remove(agent);
  }

  /** A directory for the test's own files. */
  public Path dir() {
    return dir;
  }

  @Override
  public synchronized void close() {
    agents.forEach(NodeAgent::close);
    agents.clear();
    for (AgentOptions options : started) {
      stopPods(options);
    }
    try {
      AtomicWriter.deleteTree(dir);
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  /** Takes back what an agent left, as its next start would, and stops it all. */
  private static void stopPods(AgentOptions options) {
    Scheduler scheduler = Scheduler.system();
    PodRuntimeOptions runtimeOptions =
        PodRuntimeOptions.builder(options.dataDir(), options.nodeName())
            .podNetwork(options.podCidr())
            .scheduler(scheduler)
            .containerRuntime(
                ContainerRuntime.processes(
                    ProcessRuntimeOptions.of(options.dataDir().resolve("containers"), scheduler)
                        .withCgroupName("bosun-" + options.nodeName())))
            .build();
    try (PodRuntime runtime = PodRuntime.create(runtimeOptions)) {
      for (String uid : runtime.podUids()) {
        runtime.removePod(uid).await().atMost(Duration.ofSeconds(30));
      }
    }
  }
}
