package io.bosun.agent.pod;

import static io.bosun.agent.testing.AgentFixture.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.bosun.agent.testing.Processes;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A new runtime on the same data directory takes back the last one's pods, never twice. */
class AdoptionTest {
  @RegisterExtension final AgentFixture agent = AgentFixture.realTime();

  @Test
  void aRestartedRuntimeAdoptsRunningContainersWithoutStartingThemAgain() throws Exception {
    Path go = agent.dir.resolve("go");
    Pod pod =
        agent.run(
            Pods.pod(
                    "survivor",
                    Pods.shell(
                        "main",
                        "if [ -f done ]; then exec sleep 1000; fi; echo before;"
                            + " while [ ! -f "
                            + go
                            + " ]; do sleep 0.05; done;"
                            + " echo after; touch done; exit 3"))
                .build());
    PodStatus before = agent.awaitStatus(pod, AgentFixture.running("main"));
    ContainerStatus main = container(before, "main");
    long program =
        await()
            .atMost(AgentFixture.WAIT)
            .until(() -> Processes.programOf(main.getContainerID()), pid -> pid > 0);
    await().atMost(AgentFixture.WAIT).until(() -> agent.log(pod).equals("before\n"));

    agent.detach();
    assertThat(Processes.alive(program)).isTrue();
    agent.runtime = agent.newRuntime();

    assertThat(agent.runtime.podUids()).containsExactly(Pods.uid(pod));
    PodStatus adopted =
        agent.awaitStatus(
            pod, s -> s != before && AgentFixture.running("main").test(s) && s.getPodIP() != null);
    assertThat(container(adopted, "main").getContainerID()).isEqualTo(main.getContainerID());
    assertThat(container(adopted, "main").getRestartCount()).isZero();
    assertThat(adopted.getPodIP()).isEqualTo(before.getPodIP());
    assertThat(adopted.getStartTime()).isEqualTo(before.getStartTime());
    assertThat(Processes.programOf(main.getContainerID())).isEqualTo(program);

    // The informer hands the pod over again: still one run.
    agent.runtime.syncPod(pod);
    Files.writeString(go, "");

    PodStatus restarted =
        agent.awaitStatus(
            pod,
            s ->
                container(s, "main").getRestartCount() == 1
                    && AgentFixture.running("main").test(s));
    assertThat(container(restarted, "main").getLastState().getTerminated().getExitCode())
        .isEqualTo(3);
    assertThat(
            agent
                .runtime
                .logs("default", "survivor", LogOptions.builder().previous(true).build())
                .onItem()
                .transformToMulti(log -> log)
                .collect()
                .asList()
                .await()
                .atMost(AgentFixture.WAIT)
                .stream()
                .map(String::new)
                .reduce("", String::concat))
        .isEqualTo("before\nafter\n");
  }

  @Test
  void aContainerThatEndedWhileNoAgentRanIsReportedAndRestarted() throws Exception {
    Pod pod = agent.run(Pods.pod("orphan", Pods.shell("main", "sleep 1000")).build());
    ContainerStatus main = container(agent.awaitStatus(pod, AgentFixture.running("main")), "main");
    long program =
        await()
            .atMost(AgentFixture.WAIT)
            .until(() -> Processes.programOf(main.getContainerID()), pid -> pid > 0);

    agent.detach();
    ProcessHandle.of(program).orElseThrow().destroyForcibly();
    await().atMost(AgentFixture.WAIT).until(() -> Processes.programOf(main.getContainerID()) < 0);
    agent.runtime = agent.newRuntime();

    PodStatus status =
        agent.awaitStatus(
            pod,
            s ->
                container(s, "main").getRestartCount() == 1
                    && AgentFixture.running("main").test(s));
    assertThat(container(status, "main").getLastState().getTerminated().getExitCode())
        .isEqualTo(137);
  }
}
