package io.bosun.agent.pod.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kubelet's getPhase, case by case. */
class PodPhasesTest {
  private static PodSpec spec(String policy, boolean init, boolean sidecar) {
    PodSpecBuilder builder =
        new PodSpecBuilder()
            .withRestartPolicy(policy)
            .withContainers(new ContainerBuilder().withName("main").build());
    if (init) {
      builder.withInitContainers(
          new ContainerBuilder()
              .withName("init")
              .withRestartPolicy(sidecar ? "Always" : null)
              .build());
    }
    return builder.build();
  }

  private static ContainerState waiting() {
    return new ContainerStateBuilder().withNewWaiting().withReason("X").endWaiting().build();
  }

  private static ContainerState running() {
    return new ContainerStateBuilder().withNewRunning().endRunning().build();
  }

  private static ContainerState exited(int code) {
    return new ContainerStateBuilder()
        .withNewTerminated()
        .withExitCode(code)
        .endTerminated()
        .build();
  }

  private static ContainerStatus status(
      String name, ContainerState state, ContainerState last, boolean started) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withState(state)
        .withLastState(last == null ? new ContainerState() : last)
        .withStarted(started)
        .build();
  }

  private static String phase(
      PodSpec spec, List<ContainerStatus> inits, ContainerStatus main, boolean terminal) {
    return PodPhases.phase(spec, inits, List.of(main), terminal);
  }

  @Test
  void pendingUntilEveryContainerHasStarted() {
    assertThat(
            phase(
                spec("Always", false, false),
                List.of(),
                status("main", waiting(), null, false),
                false))
        .isEqualTo("Pending");
    assertThat(
            phase(
                spec("Always", true, false),
                List.of(status("init", running(), null, true)),
                status("main", waiting(), null, false),
                false))
        .isEqualTo("Pending");
  }

  @Test
  void aFailedInitContainerFailsAPodThatNeverRestartsAndRetriesOtherwise() {
    ContainerStatus failedInit = status("init", exited(1), null, false);
    ContainerStatus mainWaiting = status("main", waiting(), null, false);
    assertThat(phase(spec("Never", true, false), List.of(failedInit), mainWaiting, false))
        .isEqualTo("Failed");
    ContainerStatus backingOff = status("init", waiting(), exited(1), false);
    assertThat(phase(spec("OnFailure", true, false), List.of(backingOff), mainWaiting, false))
        .isEqualTo("Pending");
  }

  @Test
  void exitedContainersFollowTheRestartPolicy() {
    ContainerStatus crashed = status("main", waiting(), exited(1), false);
    assertThat(phase(spec("Always", false, false), List.of(), crashed, false)).isEqualTo("Running");
    assertThat(phase(spec("OnFailure", false, false), List.of(), crashed, false))
        .isEqualTo("Running");
    assertThat(
            phase(
                spec("Never", false, false),
                List.of(),
                status("main", exited(1), null, false),
                false))
        .isEqualTo("Failed");
    assertThat(
            phase(
                spec("Always", false, false),
                List.of(),
                status("main", exited(0), null, false),
                false))
        .isEqualTo("Running");
    assertThat(
            phase(
                spec("OnFailure", false, false),
                List.of(),
                status("main", exited(0), null, false),
                false))
        .isEqualTo("Succeeded");
  }

  @Test
  void aTerminalPodEndsSucceededOrFailedWhateverItsPolicy() {
    assertThat(
            phase(
                spec("Always", false, false),
                List.of(),
                status("main", exited(0), null, false),
                true))
        .isEqualTo("Succeeded");
    assertThat(
            phase(
                spec("Always", false, false),
                List.of(),
                status("main", exited(143), null, false),
                true))
        .isEqualTo("Failed");
  }

  @Test
  void aSidecarThatHasNotStartedKeepsThePodPending() {
    ContainerStatus sidecar = status("init", running(), null, false);
    assertThat(
            phase(
                spec("Always", true, true),
                List.of(sidecar),
                status("main", waiting(), null, false),
                false))
        .isEqualTo("Pending");
    ContainerStatus started = status("init", running(), null, true);
    assertThat(
            phase(
                spec("Always", true, true),
                List.of(started),
                status("main", running(), null, true),
                false))
        .isEqualTo("Running");
  }
}
