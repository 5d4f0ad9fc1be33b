package io.bosun.agent.pod;

import static io.bosun.agent.testing.AgentFixture.condition;
import static io.bosun.agent.testing.AgentFixture.container;
import static io.bosun.agent.testing.AgentFixture.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.bosun.agent.testing.Processes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PodLifecycleTest {
  @RegisterExtension final AgentFixture agent = AgentFixture.realTime();

  @Test
  void aRunningPodHasAnAddressRunningContainersAndTheKubeletsConditions() {
    Pod pod = agent.run(Pods.pod("web", Pods.shell("main", "sleep 1000")).build());

    PodStatus status =
        agent.awaitStatus(
            pod,
            s ->
                "Running".equals(s.getPhase()) && "True".equals(condition(s, "Ready").getStatus()));

    assertThat(status.getPodIP()).startsWith("127.1.");
    assertThat(status.getPodIPs()).hasSize(1);
    assertThat(status.getHostIP()).isEqualTo("127.0.0.1");
    assertThat(status.getStartTime()).isNotNull();
    assertThat(status.getQosClass()).isEqualTo("BestEffort");
    for (String type :
        new String[] {
          "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"
        }) {
      assertThat(condition(status, type).getStatus()).as(type).isEqualTo("True");
    }
    ContainerStatus main = container(status, "main");
    assertThat(main.getReady()).isTrue();
    assertThat(main.getStarted()).isTrue();
    assertThat(main.getRestartCount()).isZero();
    assertThat(main.getContainerID()).startsWith("bosun-process://");
    assertThat(main.getState().getRunning().getStartedAt()).isNotNull();
    assertThat(agent.listener.events(Pods.uid(pod)))
        .extracting(PodEvent::reason)
        .contains("Created", "Started");
  }

  @Test
  void initContainersRunInOrderBeforeTheContainers() {
    // The first writes through its mount variable, the others through the rewritten mount path.
    Container first = mounted(Pods.shell("first", "echo one >> $BOSUN_MOUNT_WORK/order"));
    Container second =
        mounted(
            new ContainerBuilder()
                .withName("second")
                .withCommand("sh", "-c", "echo two >> \"$1\"", "sh", "/work/order")
                .build());
    Container main =
        mounted(new ContainerBuilder().withName("main").withCommand("cat", "/work/order").build());
    Pod pod =
        Pods.pod("init", main)
            .editSpec()
            .withRestartPolicy("Never")
            .withInitContainers(first, second)
            .addNewVolume()
            .withName("work")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .endSpec()
            .build();
    agent.run(pod);

    PodStatus status = agent.awaitStatus(pod, s -> "Succeeded".equals(s.getPhase()));

    assertThat(condition(status, "Initialized").getStatus()).isEqualTo("True");
    assertThat(container(status, "first").getState().getTerminated().getReason())
        .isEqualTo("Completed");
    assertThat(container(status, "second").getState().getTerminated().getExitCode()).isZero();
    assertThat(agent.log(pod, LogOptions.builder().container("main").build()))
        .isEqualTo("one\ntwo\n");
  }

  private static Container mounted(Container container) {
    return new ContainerBuilder(container)
        .addNewVolumeMount()
        .withName("work")
        .withMountPath("/work")
        .endVolumeMount()
        .build();
  }

  @Test
  void aPodWhoseContainersExitSucceedsOrFailsUnderRestartPolicyNever() {
    Pod good =
        Pods.pod("good", Pods.shell("main", "exit 0"))
            .editSpec()
            .withRestartPolicy("Never")
            .endSpec()
            .build();
    Pod bad =
        Pods.pod("bad", Pods.shell("main", "exit 3"))
            .editSpec()
            .withRestartPolicy("Never")
            .endSpec()
            .build();
    agent.run(good);
    agent.run(bad);

    PodStatus succeeded = agent.awaitStatus(good, s -> "Succeeded".equals(s.getPhase()));
    PodStatus failed = agent.awaitStatus(bad, s -> "Failed".equals(s.getPhase()));

    assertThat(condition(succeeded, "Ready").getReason()).isEqualTo("PodCompleted");
    assertThat(container(failed, "main").getState().getTerminated().getExitCode()).isEqualTo(3);
    assertThat(container(failed, "main").getState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(condition(failed, "ContainersReady").getReason()).isEqualTo("PodFailed");
    assertThat(container(failed, "main").getRestartCount()).isZero();
  }

  @Test
  void onFailureRestartsAFailingContainerUntilItSucceeds() {
    Pod pod =
        Pods.pod(
                "retry",
                Pods.shell(
                    "main",
                    "if [ -f ../tried ]; then echo done; exit 0; fi; touch ../tried; exit 1"))
            .editSpec()
            .withRestartPolicy("OnFailure")
            .endSpec()
            .build();
    agent.run(pod);

    PodStatus status = agent.awaitStatus(pod, s -> "Succeeded".equals(s.getPhase()));

    ContainerStatus main = container(status, "main");
    assertThat(main.getRestartCount()).isEqualTo(1);
    assertThat(main.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(main.getState().getTerminated().getExitCode()).isZero();
  }

  @Test
  void aKilledContainerProcessIsRestartedAndItsRestartCountRises() {
    Pod pod = agent.run(Pods.pod("victim", Pods.shell("main", "sleep 1000")).build());
    agent.awaitStatus(pod, running("main"));
    long program = program(pod);

    ProcessHandle.of(program).orElseThrow().destroyForcibly();

    PodStatus status =
        agent.awaitStatus(
            pod, s -> container(s, "main").getRestartCount() == 1 && running("main").test(s));
    assertThat(container(status, "main").getLastState().getTerminated().getExitCode())
        .isEqualTo(137);
    assertThat(program(pod)).isNotEqualTo(program);
  }

  private long program(Pod pod) {
    return await()
        .atMost(AgentFixture.WAIT)
        .until(
            () ->
                Processes.programOf(
                    container(agent.listener.status(Pods.uid(pod)), "main").getContainerID()),
            pid -> pid > 0);
  }

  @Test
  void deletingThePodRunsPreStopThenKillsTheWholeProcessGroup() throws Exception {
    Container main =
        Pods.shell(
            "main",
            "sleep 1000 & echo $! > $BOSUN_ROOT/../child.pid; "
                + "trap 'cat $BOSUN_ROOT/../prestop; exit 0' TERM; wait");
    main.setLifecycle(
        new io.fabric8.kubernetes.api.model.LifecycleBuilder()
            .withNewPreStop()
            .withNewExec()
            .withCommand("sh", "-c", "echo prestop-ran > $BOSUN_ROOT/../prestop")
            .endExec()
            .endPreStop()
            .build());
    Pod pod = agent.run(Pods.pod("doomed", main).build());
    agent.awaitStatus(pod, running("main"));
    Path childFile =
        agent.dataDir.resolve("pods").resolve(Pods.uid(pod)).resolve("rootfs/child.pid");
    await()
        .atMost(AgentFixture.WAIT)
        .until(() -> Files.exists(childFile) && !Files.readString(childFile).isBlank());
    long child = Long.parseLong(Files.readString(childFile).trim());
    assertThat(Processes.alive(child)).isTrue();

    agent.runtime.syncPod(
        new PodBuilder(pod)
            .editMetadata()
            .withDeletionTimestamp(Instant.now().toString())
            .withDeletionGracePeriodSeconds(5L)
            .endMetadata()
            .build());

    await().atMost(AgentFixture.WAIT).until(() -> agent.listener.update(Pods.uid(pod)).deletable());
    PodStatus status = agent.listener.status(Pods.uid(pod));
    assertThat(container(status, "main").getState().getTerminated().getExitCode()).isZero();
    assertThat(Processes.alive(child)).isFalse();
    assertThat(agent.log(pod, LogOptions.builder().container("main").build()))
        .isEqualTo("prestop-ran\n");
    assertThat(agent.listener.events(Pods.uid(pod)))
        .extracting(PodEvent::reason)
        .contains("Killing");
  }

  @Test
  void aSidecarStartsBeforeTheContainersAndStopsWhenThePodHasFinished() {
    Container sidecar =
        new ContainerBuilder(Pods.shell("proxy", "sleep 1000")).withRestartPolicy("Always").build();
    Pod pod =
        agent.run(
            Pods.pod("job", Pods.shell("main", "exit 0"))
                .editSpec()
                .withRestartPolicy("Never")
                .withInitContainers(sidecar)
                .endSpec()
                .build());

    PodStatus status =
        agent.awaitStatus(
            pod,
            s ->
                "Succeeded".equals(s.getPhase())
                    && container(s, "proxy").getState().getTerminated() != null);

    assertThat(container(status, "main").getState().getTerminated().getExitCode()).isZero();
    assertThat(container(status, "proxy").getRestartCount()).isZero();
    assertThat(condition(status, "Initialized").getStatus()).isEqualTo("True");
  }

  @Test
  void aPodThatHasAlreadyFinishedIsNotStartedAgain() {
    Pod finished =
        Pods.pod("done", Pods.shell("main", "sleep 1000"))
            .withNewStatus()
            .withPhase("Succeeded")
            .endStatus()
            .build();

    agent.runtime.syncPod(finished);

    assertThat(agent.runtime.podUids()).doesNotContain(Pods.uid(finished));
  }
}
