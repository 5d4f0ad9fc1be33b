package io.bosun.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.NodeAgent;
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
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl logs} through the apiserver's pods/log, proxied to a real agent running real
 * processes: containers, tails, timestamps, byte limits, following, the previous run, and the
 * kubelet's refusals as kubectl shows them.
 */
@BosunTest
class KubectlLogsIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String NODE = "agent-it-logs";

  static RunningAgents agents;
  static NodeAgent agent;
  Kubectl kubectl;

  @BeforeAll
  static void startAgent(ClusterConfig config) {
    agents = RunningAgents.of(config);
    agent = agents.start(NODE, "127.32.0.0/16");
  }

  @AfterAll
  static void stopAgent() {
    agents.close();
  }

  @BeforeEach
  void kubectl(BosunApiServer server) throws IOException {
    kubectl = new Kubectl(server.kubeconfig(), Files.createTempDirectory(agents.dir(), "kubectl"));
  }

  @Test
  void showsAContainersLogWithTailTimestampsAndLimits(KubeClient client, TestNamespace ns) {
    Pod pod =
        pod(ns, "talker", "echo hello; echo second; sleep 1000")
            .editSpec()
            .addNewContainer()
            .withName("side")
            .withImage("busybox")
            .withCommand("sh", "-c", "echo from the side; sleep 1000")
            .endContainer()
            .endSpec()
            .build();
    run(client, pod);
    String n = ns.name();

    await()
        .atMost(WAIT)
        .until(
            () -> kubectl.succeed("logs", "-n", n, "talker", "-c", "main"),
            "hello\nsecond\n"::equals);
    await()
        .atMost(WAIT)
        .until(
            () -> kubectl.succeed("logs", "-n", n, "talker", "-c", "side"),
            "from the side\n"::equals);
    Kubectl.Result defaulted = kubectl.run("logs", "-n", n, "talker");
    assertThat(defaulted.out()).isEqualTo("hello\nsecond\n");
    assertThat(defaulted.err()).contains("Defaulted container \"main\" out of: main, side");
    assertThat(kubectl.succeed("logs", "-n", n, "talker", "-c", "main", "--tail=1"))
        .isEqualTo("second\n");
    assertThat(kubectl.succeed("logs", "-n", n, "talker", "-c", "main", "--since=1h"))
        .isEqualTo("hello\nsecond\n");
    assertThat(kubectl.succeed("logs", "-n", n, "talker", "-c", "main", "--limit-bytes=3"))
        .isEqualTo("hel");
    assertThat(kubectl.succeed("logs", "-n", n, "talker", "-c", "main", "--tail=1", "--timestamps"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z second\n");
  }

  @Test
  void followingStreamsUntilTheContainerEnds(KubeClient client, TestNamespace ns) throws Exception {
    Path go = agents.dir().resolve(ns.name() + "-go");
    Pod pod =
        pod(ns, "follower", "echo one; while [ ! -f " + go + " ]; do sleep 0.05; done; echo two")
            .editSpec()
            .withRestartPolicy("Never")
            .endSpec()
            .build();
    run(client, pod);
    Path out = Files.createTempFile(agents.dir(), "follow", ".out");
    Process follower = kubectl.background(out, "logs", "-f", "-n", ns.name(), "follower");
    try {
      await().atMost(WAIT).until(() -> Kubectl.read(out), "one\n"::equals);
      assertThat(follower.isAlive()).as("kubectl logs -f while the container runs").isTrue();

      Files.writeString(go, "");

      assertThat(follower.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(follower.exitValue()).isZero();
      assertThat(Kubectl.read(out)).isEqualTo("one\ntwo\n");
    } finally {
      follower.destroyForcibly();
    }
  }

  @Test
  void previousShowsTheRunBeforeARestart(KubeClient client, TestNamespace ns) {
    Pod running = run(client, pod(ns, "phoenix", "echo \"run $(date +%s%N)\"; sleep 1000").build());
    String n = ns.name();
    Kubectl.Result noPrevious = kubectl.run("logs", "-n", n, "phoenix", "--previous");
    assertThat(noPrevious.exitCode()).isNotZero();
    assertThat(noPrevious.err())
        .contains(
            "Error from server (BadRequest): previous terminated container \"main\" in pod"
                + " \"phoenix\" not found");
    await()
        .atMost(WAIT)
        .until(() -> kubectl.succeed("logs", "-n", n, "phoenix"), s -> !s.isEmpty());
    String first = kubectl.succeed("logs", "-n", n, "phoenix");

    long pid =
        Processes.programOf(running.getStatus().getContainerStatuses().get(0).getContainerID());
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    Await.object(
        client.resources(Pod.class),
        n,
        "phoenix",
        p ->
            p.getStatus().getContainerStatuses().get(0).getRestartCount() == 1
                && NodeAgentIT.ready().test(p),
        WAIT);

    assertThat(kubectl.succeed("logs", "-n", n, "phoenix", "--previous")).isEqualTo(first);
    await()
        .atMost(WAIT)
        .until(
            () -> kubectl.succeed("logs", "-n", n, "phoenix"),
            now -> now.startsWith("run ") && !now.equals(first));
  }

  @Test
  void refusalsArriveAsKubernetesErrors(KubeClient client, TestNamespace ns) {
    String n = ns.name();
    run(client, pod(ns, "plain", "echo plain; sleep 1000").build());
    Kubectl.Result badContainer =
        kubectl.run("get", "--raw", "/api/v1/namespaces/" + n + "/pods/plain/log?container=nope");
    assertThat(badContainer.err())
        .contains("Error from server (BadRequest): container nope is not valid for pod plain");

    Pod stuck =
        new PodBuilder(pod(ns, "stuck", "unused").build())
            .editSpec()
            .editFirstContainer()
            .withImage("registry.example/unknown:1")
            .withCommand()
            .endContainer()
            .endSpec()
            .build();
    client.resources(Pod.class).create(stuck).await().atMost(WAIT);
    Await.object(
        client.resources(Pod.class),
        n,
        "stuck",
        p -> NodeAgentIT.waitingReason(p).contains("ImagePull"),
        WAIT);
    Kubectl.Result waiting = kubectl.run("logs", "-n", n, "stuck");
    assertThat(waiting.exitCode()).isNotZero();
    assertThat(waiting.err())
        .containsPattern(
            "Error from server \\(BadRequest\\): container \"main\" in pod \"stuck\" is waiting"
                + " to start: (ErrImagePull|ImagePullBackOff)");

    Kubectl.Result missing =
        kubectl.run("get", "--raw", "/api/v1/namespaces/" + n + "/pods/missing/log");
    assertThat(missing.err()).contains("Error from server (NotFound): pods \"missing\" not found");
  }

  private static Pod run(KubeClient client, Pod pod) {
    ResourceClient<Pod> pods = client.resources(Pod.class);
    pods.create(pod).await().atMost(WAIT);
    return Await.object(
        pods,
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        p ->
            p.getStatus().getContainerStatuses() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().stream()
                    .allMatch(c -> c.getState().getRunning() != null),
        WAIT);
  }

  private static PodBuilder pod(TestNamespace ns, String name, String script) {
    return new PodBuilder(NodeAgentIT.pod(ns, name, script).build())
        .editSpec()
        .withNodeName(NODE)
        .endSpec();
  }
}
