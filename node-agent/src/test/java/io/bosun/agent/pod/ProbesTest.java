package io.bosun.agent.pod;

import static io.bosun.agent.testing.AgentFixture.condition;
import static io.bosun.agent.testing.AgentFixture.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Probes against real processes, on real time with one-second periods. */
class ProbesTest {
  @RegisterExtension final AgentFixture agent = AgentFixture.realTime();

  private static Probe fileProbe(String file) {
    return new ProbeBuilder()
        .withNewExec()
        .withCommand("test", "-f", file)
        .endExec()
        .withPeriodSeconds(1)
        .withFailureThreshold(1)
        .build();
  }

  private static boolean ready(PodStatus status) {
    return Boolean.TRUE.equals(container(status, "main").getReady());
  }

  @Test
  void anHttpReadinessProbeMakesAServerReadyOnItsPodAddress() {
    Container server =
        new ContainerBuilder()
            .withName("main")
            .withImage("python:3.12")
            .withArgs("python3", "-m", "http.server", "8080", "--bind", "$(POD_IP)")
            .addNewPort()
            .withName("http")
            .withContainerPort(8080)
            .endPort()
            .withReadinessProbe(
                new ProbeBuilder()
                    .withNewHttpGet()
                    .withPath("/")
                    .withPort(new IntOrString("http"))
                    .endHttpGet()
                    .withPeriodSeconds(1)
                    .build())
            .build();
    Pod pod = agent.run(Pods.pod("server", server).build());

    PodStatus status = agent.awaitStatus(pod, ProbesTest::ready);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void aFailingReadinessProbeTakesThePodOutOfReadyWithoutRestartingIt() throws Exception {
    Container main =
        new ContainerBuilder(Pods.shell("main", "touch ready; sleep 1000"))
            .withReadinessProbe(fileProbe("ready"))
            .build();
    Pod pod = agent.run(Pods.pod("flaky", main).build());
    agent.awaitStatus(pod, ProbesTest::ready);

    Files.delete(agent.root(pod, "main").resolve("ready"));

    PodStatus status = agent.awaitStatus(pod, s -> !ready(s));
    assertThat(condition(status, "Ready").getReason()).isEqualTo("ContainersNotReady");
    assertThat(condition(status, "Ready").getMessage())
        .isEqualTo("containers with unready status: [main]");
    assertThat(container(status, "main").getRestartCount()).isZero();
    assertThat(container(status, "main").getState().getRunning()).isNotNull();
    Files.writeString(agent.root(pod, "main").resolve("ready"), "");
    agent.awaitStatus(pod, ProbesTest::ready);
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainer() throws Exception {
    Container main =
        new ContainerBuilder(Pods.shell("main", "touch alive; sleep 1000"))
            // Three failures, so the restarted container's first probe cannot beat its `touch`.
            .withLivenessProbe(new ProbeBuilder(fileProbe("alive")).withFailureThreshold(3).build())
            .build();
    Pod pod = agent.run(Pods.pod("sick", main).build());
    agent.awaitStatus(pod, AgentFixture.running("main"));
    await()
        .atMost(AgentFixture.WAIT)
        .until(() -> Files.exists(agent.root(pod, "main").resolve("alive")));

    Files.delete(agent.root(pod, "main").resolve("alive"));

    PodStatus status =
        agent.awaitStatus(
            pod,
            s ->
                container(s, "main").getRestartCount() == 1
                    && AgentFixture.running("main").test(s));
    assertThat(container(status, "main").getLastState().getTerminated()).isNotNull();
    assertThat(agent.listener.events(Pods.uid(pod)))
        .anySatisfy(
            e -> {
              assertThat(e.reason()).isEqualTo("Killing");
              assertThat(e.message())
                  .isEqualTo("Container main failed liveness probe, will be restarted");
            })
        .anySatisfy(e -> assertThat(e.message()).startsWith("Liveness probe failed"));
  }

  @Test
  void aStartupProbeHoldsBackStartedAndReadyUntilItPasses() throws Exception {
    Container main =
        new ContainerBuilder(Pods.shell("main", "sleep 1000"))
            .withStartupProbe(
                new ProbeBuilder(fileProbe("started")).withFailureThreshold(1000).build())
            .build();
    Pod pod = agent.run(Pods.pod("slow", main).build());
    PodStatus before = agent.awaitStatus(pod, AgentFixture.running("main"));
    assertThat(container(before, "main").getStarted()).isFalse();
    assertThat(container(before, "main").getReady()).isFalse();

    Files.writeString(agent.root(pod, "main").resolve("started"), "");

    PodStatus after = agent.awaitStatus(pod, ProbesTest::ready);
    assertThat(container(after, "main").getStarted()).isTrue();
  }
}
