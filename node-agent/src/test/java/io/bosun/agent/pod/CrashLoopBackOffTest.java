package io.bosun.agent.pod;

import static io.bosun.agent.testing.AgentFixture.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.bosun.agent.testing.TestClock;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Back-off with the agent's clock held, so that minutes of back-off take no time. */
class CrashLoopBackOffTest {
  private final TestClock clock = new TestClock();

  @RegisterExtension final AgentFixture agent = AgentFixture.on(clock);

  private ContainerStatus awaitMain(Pod pod, java.util.function.Predicate<ContainerStatus> test) {
    return container(agent.awaitStatus(pod, s -> test.test(container(s, "main"))), "main");
  }

  private static boolean backingOff(ContainerStatus status, int restarts) {
    return status.getRestartCount() == restarts
        && status.getState().getWaiting() != null
        && "CrashLoopBackOff".equals(status.getState().getWaiting().getReason());
  }

  @Test
  void aCrashingContainerBacksOffTenSecondsDoublingToFiveMinutes() throws Exception {
    Pod pod = agent.run(Pods.pod("crasher", Pods.shell("main", "echo crashed; exit 2")).build());

    // The first crash restarts at once; the second waits 10 s.
    ContainerStatus status = awaitMain(pod, s -> backingOff(s, 1));
    assertThat(status.getState().getWaiting().getMessage())
        .isEqualTo(
            "back-off 10s restarting failed container=main pod=crasher_default("
                + Pods.uid(pod)
                + ")");
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(2);
    assertThat(agent.listener.status(Pods.uid(pod)).getPhase()).isEqualTo("Running");

    String[] delays = {"20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"};
    Duration wait = Duration.ofSeconds(10);
    for (int restarts = 2; restarts < 2 + delays.length; restarts++) {
      clock.advance(wait.minusSeconds(1));
      assertThat(container(agent.listener.status(Pods.uid(pod)), "main").getRestartCount())
          .as("no restart before the back-off is over")
          .isEqualTo(restarts - 1);
      clock.advance(Duration.ofSeconds(1));
      int expected = restarts;
      status = awaitMain(pod, s -> backingOff(s, expected));
      assertThat(status.getState().getWaiting().getMessage())
          .startsWith("back-off " + delays[restarts - 2] + " restarting failed container=main");
      wait =
          wait.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0
              ? Duration.ofMinutes(5)
              : wait.multipliedBy(2);
    }
    assertThat(agent.listener.events(Pods.uid(pod)))
        .extracting(PodEvent::reason)
        .contains("BackOff");
    // Only the last run's log and the one before it are kept.
    try (var logs =
        Files.list(
            agent
                .dataDir
                .resolve("logs")
                .resolve("default_crasher_" + Pods.uid(pod))
                .resolve("main"))) {
      assertThat(logs.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(delays.length + ".log", (1 + delays.length) + ".log");
    }
  }

  @Test
  void theBackOffIsForgottenAfterTenMinutesWithoutACrash() throws Exception {
    Path go = agent.dir.resolve("go");
    // Crashes at once until told to hold, then runs until told to go.
    Pod pod =
        agent.run(
            Pods.pod(
                    "steady",
                    Pods.shell(
                        "main",
                        "if [ -f "
                            + agent.dir.resolve("hold")
                            + " ]; then while [ ! -f "
                            + go
                            + " ]; do sleep 0.05; done; rm "
                            + go
                            + "; fi; exit 1"))
                .build());
    awaitMain(pod, s -> backingOff(s, 1));
    clock.advance(Duration.ofSeconds(10));
    awaitMain(pod, s -> backingOff(s, 2));
    assertThat(
            container(agent.listener.status(Pods.uid(pod)), "main")
                .getState()
                .getWaiting()
                .getMessage())
        .startsWith("back-off 20s");

    Files.writeString(agent.dir.resolve("hold"), "");
    clock.advance(Duration.ofSeconds(20));
    awaitMain(pod, s -> s.getRestartCount() == 3 && s.getState().getRunning() != null);
    clock.advance(Duration.ofMinutes(11));
    Files.writeString(go, "");

    // Ten quiet minutes: the crash restarts at once, and the next one waits 10 s again.
    awaitMain(pod, s -> s.getRestartCount() == 4 && s.getState().getRunning() != null);
    Files.writeString(go, "");
    ContainerStatus status = awaitMain(pod, s -> backingOff(s, 4));
    assertThat(status.getState().getWaiting().getMessage()).startsWith("back-off 10s");
  }

  @Test
  void aCommandThatDoesNotExistEndsWithStartErrorAndBacksOff() {
    Pod pod =
        agent.run(
            Pods.pod(
                    "missing",
                    new io.fabric8.kubernetes.api.model.ContainerBuilder()
                        .withName("main")
                        .withImage("busybox")
                        .withCommand("no-such-command")
                        .build())
                .build());

    ContainerStatus status = awaitMain(pod, s -> backingOff(s, 1));

    assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("StartError");
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(128);
    assertThat(status.getLastState().getTerminated().getMessage())
        .isEqualTo("exec: \"no-such-command\": executable file not found in $PATH");
    PodStatus pod2 = agent.listener.status(Pods.uid(pod));
    assertThat(pod2.getPhase()).isEqualTo("Running");
  }
}
