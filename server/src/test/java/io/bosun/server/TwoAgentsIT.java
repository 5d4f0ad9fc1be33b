package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bosun server --no-agent} with two {@code bosun agent} processes as two nodes of one
 * machine. When one node is lost (its agent stops and its pods' processes die, as when a machine
 * goes away), its node goes NotReady, its pods are evicted and come back on the other node, and the
 * Service keeps answering throughout.
 */
class TwoAgentsIT {
  static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path dir;
  static BosunProcess server;
  static BosunProcess lost;
  static BosunProcess kept;
  static Kubectl kubectl;

  @BeforeAll
  static void startCluster() throws Exception {
    Path dataDir = dir.resolve("data");
    // A node is unreachable after 20 s without heartbeats (agents beat every 10 s).
    server =
        BosunProcess.jar(
            dir.resolve("logs"),
            List.of(
                "-Dbosun.controllers.node-monitor-grace-period=20s",
                "-Dbosun.service-cluster-ip-range=127.113.0.0/16",
                // What the node lifecycle and taint eviction controllers decided, for diagnostics.
                "-Dquarkus.log.category.\"io.bosun.controllers.nodelifecycle\".level=DEBUG"),
            "server",
            "--no-agent",
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(BosunProcess.freePort()));
    server.awaitReady();
    Path kubeconfig = dataDir.resolve("kubeconfig");
    kubectl = new Kubectl(kubeconfig, Files.createDirectories(dir.resolve("k")));
    // Only the agent that stays proxies Services: two proxies on one machine would share
    // ClusterIPs.
    lost = agent(kubeconfig, "e2e-lost", "127.93.0.0/16", false);
    kept = agent(kubeconfig, "e2e-kept", "127.94.0.0/16", true);
  }

  static BosunProcess agent(Path kubeconfig, String node, String podCidr, boolean proxy)
      throws Exception {
    BosunProcess agent =
        BosunProcess.jar(
            dir.resolve("logs"),
            "agent",
            "--kubeconfig",
            kubeconfig.toString(),
            "--node-name",
            node,
            "--data-dir",
            dir.resolve(node).toString(),
            "--pod-cidr",
            podCidr,
            "--port",
            "0",
            "--service-proxy",
            Boolean.toString(proxy));
    agent.awaitLine("Bosun agent is running: node " + node, Duration.ofSeconds(60));
    return agent;
  }

  @AfterAll
  static void stopCluster() throws Exception {
    try {
      // Pods of the lost node stay Terminating (no agent confirms them): do not wait.
      kubectl.run("delete", "namespace", "e2e-failover", "--wait=false");
    } finally {
      for (BosunProcess process : new BosunProcess[] {kept, lost, server}) {
        if (process != null) {
          process.close();
        }
      }
      LeftoverProcesses.kill(dir);
    }
  }

  @Test
  void podsOfALostNodeComeBackOnTheOtherAndTheServiceKeepsAnswering() throws Exception {
    assertThat(kubectl.succeed("get", "nodes", "-o", "name"))
        .as("no agent in the server")
        .isEqualTo("node/e2e-kept\nnode/e2e-lost\n");
    String ns = "e2e-failover";
    kubectl.succeed("create", "namespace", ns);
    kubectl.apply(ns, WebApp.deployment("web", 2, dir.toString(), 2));
    kubectl.apply(ns, WebApp.service("web", "web", "None"));
    kubectl.succeed("rollout", "status", "-n", ns, "deployment/web", "--timeout=90s");
    List<JsonNode> before = WebApp.pods(kubectl, ns, "web");
    assertThat(before)
        .as("the scheduler spreads a Deployment's pods")
        .extracting(p -> p.path("spec").path("nodeName").asText())
        .containsExactlyInAnyOrder("e2e-lost", "e2e-kept");
    String ip = WebApp.clusterIP(kubectl, ns, "web");
    WebApp.awaitAnswer(ip, WAIT);

    Traffic traffic = Traffic.start(ip, 8080);
    long lostAt = Long.MAX_VALUE;
    try {
      lost.terminate();
      // The agent leaves its pods running, as a kubelet does; a lost machine takes them along.
      LeftoverProcesses.kill(dir.resolve("e2e-lost"));
      lostAt = System.currentTimeMillis();

      await("node e2e-lost NotReady")
          .atMost(WAIT)
          .until(
              () ->
                  kubectl
                      .succeed("get", "node", "e2e-lost", "--no-headers")
                      .startsWith("e2e-lost   NotReady"));
      try {
        await("two ready pods on e2e-kept")
            .atMost(WAIT)
            .until(
                () -> {
                  List<JsonNode> pods = WebApp.pods(kubectl, ns, "web");
                  return pods.size() == 2
                      && pods.stream()
                          .allMatch(
                              p ->
                                  p.path("spec").path("nodeName").asText().equals("e2e-kept")
                                      && WebApp.isReady(p));
                });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(e.getMessage() + "\n" + diagnostics(ns), e);
      }
      List<String> names = WebApp.names(WebApp.pods(kubectl, ns, "web"));
      await("answers from the replacement")
          .atMost(WAIT)
          .until(() -> traffic.answeredBy().containsAll(names));
    } finally {
      traffic.close();
    }
    traffic.assertNoneFailedSince(lostAt, ns);
  }

  /** Pods, nodes and events as kubectl shows them, to explain a failure. */
  static String diagnostics(String ns) {
    StringBuilder out = new StringBuilder();
    for (String[] args :
        List.of(
            new String[] {"get", "nodes", "-o", "wide"},
            new String[] {
              "get",
              "nodes",
              "-o",
              "jsonpath={range .items[*]}{.metadata.name} {.spec.taints}{\"\\n\"}{end}"
            },
            new String[] {"get", "pods", "-n", ns, "-o", "wide"},
            new String[] {"get", "events", "-n", ns, "--sort-by=.lastTimestamp"})) {
      try {
        out.append(kubectl.run(args).out()).append('\n');
      } catch (Exception e) {
        out.append(e).append('\n');
      }
    }
    List<String> log = (server.stdout() + server.stderr()).lines().toList();
    out.append("the server's last log lines:\n");
    log.subList(Math.max(0, log.size() - 150), log.size())
        .forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }
}
