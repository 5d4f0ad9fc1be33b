package io.bosun.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.agent.NodeAgent;
import io.bosun.agent.node.internal.NodeLease;
import io.bosun.agent.testing.Kubectl;
import io.bosun.agent.testing.Processes;
import io.bosun.agent.testing.RunningAgents;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node agent against a real apiserver, running real processes: it registers its Node and
 * heartbeats its Lease, runs the pods bound to it and reports their status, restarts a killed
 * container, stops a deleted pod, and gives pods their ConfigMap values.
 */
@BosunTest
class NodeAgentIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String NODE = "agent-it-a";

  static RunningAgents agents;
  static NodeAgent agent;

  @BeforeAll
  static void startAgent(ClusterConfig config) {
    agents = RunningAgents.of(config);
    agent = agents.start(NODE, "127.31.0.0/16");
  }

  @AfterAll
  static void stopAgent() {
    agents.close();
  }

  @Test
  void registersItsNodeAndRenewsItsLease(KubeClient client) {
    Node node = client.resources(Node.class).get(null, NODE).await().atMost(WAIT);
    assertThat(node.getMetadata().getLabels())
        .containsEntry("kubernetes.io/hostname", NODE)
        .containsEntry("kubernetes.io/os", "linux")
        .containsKey("kubernetes.io/arch");
    var status = node.getStatus();
    assertThat(status.getCapacity().get("cpu").getAmount())
        .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    assertThat(status.getCapacity().get("pods").getAmount()).isEqualTo("110");
    assertThat(status.getCapacity().get("memory").getFormat()).isEqualTo("Ki");
    assertThat(status.getAllocatable()).containsKeys("cpu", "memory", "pods");
    assertThat(status.getAddresses())
        .anySatisfy(
            a -> {
              assertThat(a.getType()).isEqualTo("InternalIP");
              assertThat(a.getAddress()).isEqualTo("127.0.0.1");
            });
    assertThat(status.getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(agent.port());
    assertThat(status.getNodeInfo().getOperatingSystem()).isEqualTo("linux");
    assertThat(status.getNodeInfo().getKubeletVersion()).startsWith("v1.32.");
    assertThat(node.getSpec().getPodCIDR()).isEqualTo("127.31.0.0/16");
    NodeCondition ready =
        status.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().get();
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("KubeletReady");
    // This machine is far from pid_max: a misread of the sysctl file once reported pressure.
    assertThat(status.getConditions())
        .filteredOn(c -> c.getType().equals("PIDPressure"))
        .singleElement()
        .extracting(NodeCondition::getStatus)
        .isEqualTo("False");

    ResourceClient<ObjectNode> leases = client.resources(NodeLease.LEASES);
    ObjectNode lease = leases.get(NodeLease.NAMESPACE, NODE).await().atMost(WAIT);
    assertThat(lease.path("spec").path("holderIdentity").asText()).isEqualTo(NODE);
    assertThat(lease.path("spec").path("leaseDurationSeconds").asInt()).isEqualTo(40);
    assertThat(lease.path("metadata").path("ownerReferences").get(0).path("uid").asText())
        .isEqualTo(node.getMetadata().getUid());
    String renewed = lease.path("spec").path("renewTime").asText();
    assertThat(renewed).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    Await.object(
        leases,
        NodeLease.NAMESPACE,
        NODE,
        l ->
            Instant.parse(l.path("spec").path("renewTime").asText())
                .isAfter(Instant.parse(renewed)),
        WAIT);
  }

  @Test
  void runsABoundPodUntilItIsDeleted(KubeClient client, TestNamespace ns) {
    ResourceClient<Pod> pods = client.resources(Pod.class);
    pods.create(pod(ns, "hello", "echo hello; sleep 1000").build()).await().atMost(WAIT);

    Pod running = Await.object(pods, ns.name(), "hello", ready(), WAIT);
    assertThat(running.getStatus().getPhase()).isEqualTo("Running");
    assertThat(running.getStatus().getPodIP()).startsWith("127.31.");
    assertThat(running.getStatus().getHostIP()).isEqualTo("127.0.0.1");
    ContainerStatus main = running.getStatus().getContainerStatuses().get(0);
    assertThat(main.getState().getRunning()).isNotNull();
    long pid = Processes.programOf(main.getContainerID());
    assertThat(Processes.alive(pid)).isTrue();

    pods.delete(ns.name(), "hello").await().atMost(WAIT);
    Await.absent(pods, ns.name(), "hello", WAIT);
    assertThat(Processes.alive(pid)).as("the container's process after deletion").isFalse();
  }

  @Test
  void restartsAKilledContainerAndCountsTheRestart(KubeClient client, TestNamespace ns) {
    ResourceClient<Pod> pods = client.resources(Pod.class);
    pods.create(pod(ns, "victim", "sleep 1000").build()).await().atMost(WAIT);
    Pod running = Await.object(pods, ns.name(), "victim", ready(), WAIT);
    long pid =
        Processes.programOf(running.getStatus().getContainerStatuses().get(0).getContainerID());

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    Pod restarted =
        Await.object(pods, ns.name(), "victim", p -> restartCount(p) >= 1 && ready().test(p), WAIT);
    ContainerStatus status = restarted.getStatus().getContainerStatuses().get(0);
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);
    assertThat(Processes.programOf(status.getContainerID())).isNotEqualTo(pid);
  }

  @Test
  void startsAPodOnceTheConfigMapItNeedsExists(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    ResourceClient<Pod> pods = client.resources(Pod.class);
    Pod pod =
        pod(ns, "configured", "echo \"greeting=$GREETING\"; sleep 1000")
            .editSpec()
            .editFirstContainer()
            .withEnv(
                new EnvVarBuilder()
                    .withName("GREETING")
                    .withNewValueFrom()
                    .withNewConfigMapKeyRef("greeting", "settings", false)
                    .endValueFrom()
                    .build())
            .endContainer()
            .endSpec()
            .build();
    pods.create(pod).await().atMost(WAIT);
    Pod waiting =
        Await.object(
            pods,
            ns.name(),
            "configured",
            p -> waitingReason(p).equals("CreateContainerConfigError"),
            WAIT);
    assertThat(
            waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
        .isEqualTo("configmap \"settings\" not found");

    ConfigMap settings =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("settings")
            .withNamespace(ns.name())
            .endMetadata()
            .withData(Map.of("greeting", "hi from a ConfigMap"))
            .build();
    client.resources(ConfigMap.class).create(settings).await().atMost(WAIT);
    Await.object(pods, ns.name(), "configured", ready(), WAIT);

    Path work = Files.createTempDirectory(agents.dir(), "kubectl");
    Kubectl kubectl = new Kubectl(server.kubeconfig(), work);
    assertThat(kubectl.succeed("logs", "-n", ns.name(), "configured"))
        .isEqualTo("greeting=hi from a ConfigMap\n");
  }

  static PodBuilder pod(TestNamespace ns, String name, String script) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns.name())
        .endMetadata()
        .withNewSpec()
        .withNodeName(NODE)
        .withTerminationGracePeriodSeconds(2L)
        .addNewContainer()
        .withName("main")
        .withImage("busybox")
        .withCommand("sh", "-c", script)
        .endContainer()
        .endSpec();
  }

  static Predicate<Pod> ready() {
    return p ->
        p.getStatus() != null
            && p.getStatus().getConditions() != null
            && p.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  static int restartCount(Pod pod) {
    var statuses = pod.getStatus().getContainerStatuses();
    return statuses == null || statuses.isEmpty() ? 0 : statuses.get(0).getRestartCount();
  }

  static String waitingReason(Pod pod) {
    var statuses = pod.getStatus().getContainerStatuses();
    if (statuses == null || statuses.isEmpty() || statuses.get(0).getState().getWaiting() == null) {
      return "";
    }
    return statuses.get(0).getState().getWaiting().getReason();
  }
}
