package io.bosun.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.logs.LogRotation;
import io.bosun.agent.testing.Processes;
import io.bosun.controller.queue.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private ScheduledExecutorService timer;
  private ContainerRuntime runtime;

  @BeforeEach
  void start() {
    timer = Executors.newSingleThreadScheduledExecutor();
    runtime = ContainerRuntime.processes(options());
  }

  private ProcessRuntimeOptions options() {
    return ProcessRuntimeOptions.of(
            dir.resolve("containers"), Scheduler.of(Clock.systemUTC(), timer))
        .withCgroupName("bosun-test");
  }

  @AfterEach
  void stop() {
    runtime.close();
    timer.shutdownNow();
  }

  private ContainerConfig config(String script) {
    return config(
        List.of("sh", "-c", script),
        Map.of("PATH", "/usr/bin:/bin", "GREETING", "hello"),
        ContainerResources.NONE);
  }

  private ContainerConfig config(
      List<String> argv, Map<String, String> env, ContainerResources resources) {
    return new ContainerConfig(
        "test/pod/c",
        "pod-uid",
        argv,
        env,
        dir,
        dir.resolve("logs/0.log"),
        LogRotation.DEFAULTS,
        resources,
        null);
  }

  private String log() throws Exception {
    return Files.readString(dir.resolve("logs/0.log"));
  }

  @Test
  void runsTheCommandWithItsEnvironmentAndRecordsBothStreamsAndTheExitCode() throws Exception {
    ContainerHandle container =
        runtime.start(config("echo $GREETING; echo oops >&2; exit 3")).await().atMost(WAIT);

    ContainerExit exit = container.exit().await().atMost(WAIT);

    assertThat(exit.exitCode()).isEqualTo(3);
    assertThat(exit.reason()).isEqualTo("Error");
    assertThat(log()).contains(" stdout F hello\n").contains(" stderr F oops\n");
    assertThat(container.running()).isFalse();
  }

  @Test
  void stopSendsSigtermToTheWholeGroupAndReportsTheProgramsExit() throws Exception {
    ContainerHandle container =
        runtime
            .start(config("sleep 1000 & echo $! > child.pid; trap 'echo bye; exit 0' TERM; wait"))
            .await()
            .atMost(WAIT);
    await().atMost(WAIT).until(() -> Files.exists(dir.resolve("child.pid")));
    long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
    assertThat(Processes.alive(child)).isTrue();

    ContainerExit exit = container.stop(Duration.ofSeconds(5)).await().atMost(WAIT);

    assertThat(exit.exitCode()).isZero();
    assertThat(exit.reason()).isEqualTo("Completed");
    assertThat(Processes.alive(child)).isFalse();
    assertThat(log()).contains("stdout F bye");
  }

  @Test
  void stopKillsAProgramThatIgnoresSigtermAfterTheGracePeriod() throws Exception {
    ContainerHandle container =
        runtime.start(config("trap '' TERM; echo ready; sleep 1000")).await().atMost(WAIT);
    await().atMost(WAIT).until(() -> log().contains("ready"));

    ContainerExit exit = container.stop(Duration.ofMillis(300)).await().atMost(WAIT);

    assertThat(exit.exitCode()).isEqualTo(137);
    // The supervisor shell's report of the kill ("Killed") is not the program's output.
    assertThat(log()).doesNotContain("Killed");
  }

  @Test
  void killingTheProgramEndsTheContainerWithItsSignal() throws Exception {
    ContainerHandle container = runtime.start(config("sleep 1000")).await().atMost(WAIT);
    ProcessHandle program =
        await()
            .atMost(WAIT)
            .until(
                () -> ProcessHandle.of(container.pid()).orElseThrow().children().findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();

    program.destroyForcibly();

    assertThat(container.exit().await().atMost(WAIT).exitCode()).isEqualTo(137);
  }

  @Test
  void aMissingExecutableFailsToStartWithStartError() {
    ContainerConfig missing =
        config(
            List.of("no-such-program"), Map.of("PATH", "/usr/bin:/bin"), ContainerResources.NONE);

    assertThatThrownBy(() -> runtime.start(missing).await().atMost(WAIT))
        .isInstanceOf(ContainerStartException.class)
        .hasMessage("exec: \"no-such-program\": executable file not found in $PATH")
        .extracting(e -> ((ContainerStartException) e).reason())
        .isEqualTo("StartError");
  }

  @Test
  void execRunsBesideTheContainerWithItsEnvironmentAndTimesOut() {
    ContainerHandle container = runtime.start(config("sleep 1000")).await().atMost(WAIT);

    ExecResult ok =
        runtime
            .exec(container, List.of("sh", "-c", "echo $GREETING; exit 4"), Duration.ofSeconds(5))
            .await()
            .atMost(WAIT);
    ExecResult slow =
        runtime
            .exec(container, List.of("sleep", "30"), Duration.ofMillis(200))
            .await()
            .atMost(WAIT);

    assertThat(ok.exitCode()).isEqualTo(4);
    assertThat(ok.output()).isEqualTo("hello\n");
    assertThat(slow.timedOut()).isTrue();
    container.stop(Duration.ZERO).await().atMost(WAIT);
  }

  @Test
  void aNewRuntimeTakesBackARunningContainerAndItsOutput() throws Exception {
    ContainerHandle first =
        runtime
            .start(config("echo one; while [ ! -f go ]; do sleep 0.05; done; echo two; exit 5"))
            .await()
            .atMost(WAIT);
    await().atMost(WAIT).until(() -> log().contains("one"));
    ContainerCheckpoint checkpoint = first.checkpoint();
    runtime.close();

    runtime = ContainerRuntime.processes(options());
    ContainerHandle adopted = runtime.reattach(checkpoint);
    assertThat(adopted.running()).isTrue();
    assertThat(adopted.pid()).isEqualTo(first.pid());
    Files.writeString(dir.resolve("go"), "");

    ContainerExit exit = adopted.exit().await().atMost(WAIT);
    assertThat(exit.exitCode()).isEqualTo(5);
    assertThat(log()).contains("stdout F one\n").contains("stdout F two\n");
  }

  @Test
  void aContainerOverItsMemoryLimitIsOomKilledWhereLimitsAreEnforced() {
    ResourceEnforcement enforcement = runtime.resourceEnforcement();
    ContainerConfig hungry =
        config(
            List.of("python3", "-c", "b = bytearray(200 * 1024 * 1024); print('survived')"),
            Map.of("PATH", System.getenv("PATH")),
            new ContainerResources(32L * 1024 * 1024, 500L, 100L));

    ContainerExit exit = runtime.start(hungry).await().atMost(WAIT).exit().await().atMost(WAIT);

    if (enforcement.enforced()) {
      assertThat(exit.reason()).isEqualTo("OOMKilled");
      assertThat(exit.exitCode()).isEqualTo(137);
    } else {
      assertThat(exit.exitCode()).isZero();
      assertThat(enforcement.message()).startsWith("resource limits are not enforced: ");
    }
  }
}
