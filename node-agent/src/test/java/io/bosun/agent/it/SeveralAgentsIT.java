package io.bosun.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.agent.AgentOptions;
import io.bosun.agent.NodeAgent;
import io.bosun.agent.node.internal.NodeLease;
import io.bosun.agent.testing.Kubectl;
import io.bosun.agent.testing.Processes;
import io.bosun.agent.testing.RunningAgents;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents sharing one machine under different node names and pod ranges, and an agent that stops and
 * starts again: it takes back the pods still bound to it and stops those deleted meanwhile.
 */
@BosunTest
class SeveralAgentsIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  RunningAgents agents;

  @BeforeEach
  void agents(ClusterConfig config) {
    agents = RunningAgents.of(config);
  }

  @AfterEach
  void stopAgents() {
    agents.close();
  }

  @Test
  void twoAgentsOnOneMachineRunTheirOwnPods(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    NodeAgent first = agents.start("agent-it-one", "127.33.0.0/16");
    NodeAgent second = agents.start("agent-it-two", "127.34.0.0/16");
    assertThat(first.port()).isNotEqualTo(second.port());
    ResourceClient<Pod> pods = client.resources(Pod.class);

    // One pod is bound the way a scheduler binds, through pods/binding.
    Pod unbound =
        NodeAgentIT.pod(ns, "on-one", "sleep 1000").editSpec().withNodeName(null).endSpec().build();
    pods.create(unbound).await().atMost(WAIT);
    Path binding = Files.createTempFile(agents.dir(), "binding", ".json");
    Files.writeString(
        binding,
        "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"on-one\"},"
            + "\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"agent-it-one\"}}");
    Kubectl kubectl =
        new Kubectl(server.kubeconfig(), Files.createTempDirectory(agents.dir(), "k"));
    kubectl.succeed(
        "create",
        "--raw",
        "/api/v1/namespaces/" + ns.name() + "/pods/on-one/binding",
        "-f",
        binding.toString());
    pods.create(
            NodeAgentIT.pod(ns, "on-two", "sleep 1000")
                .editSpec()
                .withNodeName("agent-it-two")
                .endSpec()
                .build())
        .await()
        .atMost(WAIT);

    Pod one = Await.object(pods, ns.name(), "on-one", NodeAgentIT.ready(), WAIT);
    Pod two = Await.object(pods, ns.name(), "on-two", NodeAgentIT.ready(), WAIT);
    assertThat(one.getStatus().getPodIP()).startsWith("127.33.");
    assertThat(two.getStatus().getPodIP()).startsWith("127.34.");
    ResourceClient<ObjectNode> leases = client.resources(NodeLease.LEASES);
    for (String node : new String[] {"agent-it-one", "agent-it-two"}) {
      assertThat(
              leases
                  .get(NodeLease.NAMESPACE, node)
                  .await()
                  .atMost(WAIT)
                  .path("spec")
                  .path("holderIdentity")
                  .asText())
          .isEqualTo(node);
    }
    assertThat(kubectl.succeed("get", "nodes", "agent-it-one", "agent-it-two", "--no-headers"))
        .containsPattern("agent-it-one\\s+Ready")
        .containsPattern("agent-it-two\\s+Ready");
  }

  @Test
  void aRestartedAgentKeepsItsPodsAndStopsThoseDeletedMeanwhile(
      KubeClient client, TestNamespace ns) {
    AgentOptions options = agents.options("agent-it-restarts", "127.35.0.0/16").build();
    NodeAgent agent = agents.start(options);
    ResourceClient<Pod> pods = client.resources(Pod.class);
    for (String name : new String[] {"kept", "dropped"}) {
      pods.create(
              NodeAgentIT.pod(ns, name, "sleep 1000")
                  .editSpec()
                  .withNodeName(options.nodeName())
                  .endSpec()
                  .build())
          .await()
          .atMost(WAIT);
    }
    long kept = programOf(Await.object(pods, ns.name(), "kept", NodeAgentIT.ready(), WAIT));
    long dropped = programOf(Await.object(pods, ns.name(), "dropped", NodeAgentIT.ready(), WAIT));

    agents.stop(agent);
    assertThat(Processes.alive(kept)).as("a pod's process while its agent is down").isTrue();
    pods.delete(ns.name(), "dropped", new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build())
        .await()
        .atMost(WAIT);
    Await.absent(pods, ns.name(), "dropped", WAIT);
    agents.start(options);

    await().atMost(WAIT).until(() -> !Processes.alive(dropped));
    Pod after = Await.object(pods, ns.name(), "kept", NodeAgentIT.ready(), WAIT);
    assertThat(programOf(after)).isEqualTo(kept);
    assertThat(NodeAgentIT.restartCount(after)).isZero();
  }

  @Test
  void aNodeDeletedUnderItsAgentIsRegisteredAgain(KubeClient client) {
    agents.start("agent-it-again", "127.36.0.0/16");
    ResourceClient<Node> nodes = client.resources(Node.class);
    String first = nodes.get(null, "agent-it-again").await().atMost(WAIT).getMetadata().getUid();

    nodes.delete(null, "agent-it-again").await().atMost(WAIT);

    Node again =
        Await.object(
            nodes, null, "agent-it-again", n -> !n.getMetadata().getUid().equals(first), WAIT);
    assertThat(again.getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
  }

  @Test
  void aNodeMarkedUnknownWhileItsAgentRunsIsReportedReadyAtTheNextBeat(KubeClient client) {
    agents.start("agent-it-unknown", "127.37.0.0/16");
    ResourceClient<Node> nodes = client.resources(Node.class);
    Node node = Await.object(nodes, null, "agent-it-unknown", n -> ready(n).equals("True"), WAIT);

    // What the node lifecycle controller writes when the Lease went stale (the agent was paused).
    List<NodeCondition> unknown = new ArrayList<>();
    for (NodeCondition condition : node.getStatus().getConditions()) {
      unknown.add(
          new NodeConditionBuilder(condition)
              .withStatus("Unknown")
              .withReason("NodeStatusUnknown")
              .withMessage("Kubelet stopped posting node status.")
              .build());
    }
    nodes
        .patchStatus(
            null,
            "agent-it-unknown",
            Patch.merge(Map.of("status", Map.of("conditions", unknown))),
            new PatchOptions())
        .await()
        .atMost(WAIT);

    // Well within the 5-minute report period: the agent compares with the stored Node.
    Node back =
        Await.object(
            nodes, null, "agent-it-unknown", n -> ready(n).equals("True"), Duration.ofSeconds(15));
    NodeCondition readyAgain =
        back.getStatus().getConditions().stream()
            .filter(c -> c.getType().equals("Ready"))
            .findFirst()
            .orElseThrow();
    assertThat(readyAgain.getReason()).isEqualTo("KubeletReady");
  }

  private static String ready(Node node) {
    return node.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .map(NodeCondition::getStatus)
        .findFirst()
        .orElse("");
  }

  private static long programOf(Pod pod) {
    return Processes.programOf(pod.getStatus().getContainerStatuses().get(0).getContainerID());
  }
}
