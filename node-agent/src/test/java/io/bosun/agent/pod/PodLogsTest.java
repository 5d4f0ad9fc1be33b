package io.bosun.agent.pod;

import static io.bosun.agent.testing.AgentFixture.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.bosun.core.api.StatusException;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** pods/log as the kubelet serves it: the run, the previous run, follow, and its errors. */
class PodLogsTest {
  @RegisterExtension final AgentFixture agent = AgentFixture.realTime();

  @Test
  void previousShowsTheCrashedRunAndTheCurrentRunShowsItsOwnOutput() {
    Pod pod =
        agent.run(
            Pods.pod(
                    "twice",
                    Pods.shell(
                        "main",
                        "if [ -f ../second ]; then echo second run; sleep 1000; fi;"
                            + " touch ../second; echo first run; exit 1"))
                .build());
    agent.awaitStatus(
        pod,
        s -> container(s, "main").getRestartCount() == 1 && AgentFixture.running("main").test(s));

    org.awaitility.Awaitility.await()
        .atMost(AgentFixture.WAIT)
        .until(() -> agent.log(pod, LogOptions.DEFAULTS).equals("second run\n"));
    assertThat(agent.log(pod, LogOptions.builder().previous(true).build()))
        .isEqualTo("first run\n");
    assertThat(agent.log(pod, LogOptions.builder().previous(true).timestamps(true).build()))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z first run\n");
  }

  @Test
  void followStreamsUntilTheContainerExits() throws Exception {
    Path go = agent.dir.resolve("go");
    Pod pod =
        agent.run(
            Pods.pod(
                    "talker",
                    Pods.shell(
                        "main",
                        "echo one; while [ ! -f " + go + " ]; do sleep 0.05; done; echo two"))
                .editSpec()
                .withRestartPolicy("Never")
                .endSpec()
                .build());
    agent.awaitStatus(pod, AgentFixture.running("main"));
    AssertSubscriber<byte[]> follower =
        agent
            .runtime
            .logs("default", "talker", LogOptions.builder().follow(true).build())
            .onItem()
            .transformToMulti(log -> log)
            .subscribe()
            .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

    Files.writeString(go, "");

    follower.awaitCompletion(AgentFixture.WAIT);
    assertThat(follower.getItems().stream().map(String::new).reduce("", String::concat))
        .isEqualTo("one\ntwo\n");
  }

  @Test
  void logRequestsThatCannotBeAnsweredFailWithTheKubeletsMessages() {
    Pod pod =
        agent.run(
            Pods.pod("pair", Pods.shell("a", "sleep 1000"), Pods.shell("b", "sleep 1000"))
                .editSpec()
                .withInitContainers(
                    List.of(new ContainerBuilder(Pods.shell("setup", "true")).build()))
                .endSpec()
                .build());
    agent.awaitStatus(pod, AgentFixture.running("a"));

    assertThatThrownBy(() -> agent.log(pod, LogOptions.DEFAULTS))
        .isInstanceOf(StatusException.class)
        .hasMessage(
            "a container name must be specified for pod pair, choose one of: [a b] or one of the"
                + " init containers: [setup]")
        .extracting(e -> ((StatusException) e).status().code())
        .isEqualTo(400);
    assertThatThrownBy(() -> agent.log(pod, LogOptions.builder().container("c").build()))
        .hasMessage("container c is not valid for pod pair");
    assertThatThrownBy(
            () -> agent.log(pod, LogOptions.builder().container("a").previous(true).build()))
        .hasMessage("previous terminated container \"a\" in pod \"pair\" not found");
    assertThatThrownBy(() -> agent.log(Pods.pod("absent").build()))
        .isInstanceOf(StatusException.class)
        .extracting(e -> ((StatusException) e).status().code())
        .isEqualTo(404);
  }
}
