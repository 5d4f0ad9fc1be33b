package io.bosun.agent.runtime.internal;

import io.bosun.agent.logs.LogRotation;
import io.bosun.agent.logs.internal.CriLogWriter;
import io.bosun.agent.runtime.ContainerCheckpoint;
import io.bosun.agent.runtime.ContainerExit;
import io.bosun.agent.runtime.ContainerHandle;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A container running as a process session: its supervisor (the session leader), the program, and
 * whatever they spawn. Its end is handled once: whatever of the session is left is killed (a
 * container's processes die with its main process), the output is drained into the log, and the
 * cgroup and working files are removed.
 */
final class ProcessContainer implements ContainerHandle {
  private final ProcessRuntime runtime;
  private final Launch launch;
  private final CriLogWriter writer;
  private final FifoPump stdout;
  private final FifoPump stderr;
  private final CompletableFuture<ContainerExit> exit = new CompletableFuture<>();
  private final AtomicBoolean finishing = new AtomicBoolean();

  ProcessContainer(
      ProcessRuntime runtime,
      Launch launch,
      CriLogWriter writer,
      FifoPump stdout,
      FifoPump stderr) {
    this.runtime = runtime;
    this.launch = launch;
    this.writer = writer;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * What is fixed about a container once it runs.
   *
   * @param id the container ID
   * @param pid the supervisor's process ID, which is also the session ID
   * @param startTicks the supervisor's start time in clock ticks, to tell it from a reused PID
   * @param startedAt when the container started
   * @param dir the runtime's directory for the container (pipes, exit file)
   * @param cgroup the container's cgroup
   * @param logFile the container's log file
   * @param logRotation how the log file is rotated
   * @param env the container's environment, inherited by commands run beside it
   * @param workingDir the container's working directory
   * @param runAs the command prefix that switches user, or empty
   */
  record Launch(
      String id,
      long pid,
      long startTicks,
      Instant startedAt,
      Path dir,
      Cgroup cgroup,
      Path logFile,
      LogRotation logRotation,
      Map<String, String> env,
      Path workingDir,
      List<String> runAs) {}

  Launch launch() {
    return launch;
  }

  @Override
  public String id() {
    return launch.id();
  }

  @Override
  public long pid() {
    return launch.pid();
  }

  @Override
  public Instant startedAt() {
    return launch.startedAt();
  }

  @Override
  public Uni<ContainerExit> exit() {
    return Uni.createFrom().completionStage(exit::copy);
  }

  @Override
  public boolean running() {
    return !exit.isDone();
  }

  @Override
  public Uni<ContainerExit> stop(Duration gracePeriod) {
    if (!running()) {
      return exit();
    }
    if (gracePeriod.isZero() || gracePeriod.isNegative()) {
      signal(true);
      return exit();
    }
    signal(false);
    Cancellable kill = runtime.scheduler().schedule(gracePeriod, () -> signal(true));
    return exit().invoke(kill::cancel);
  }

  @Override
  public ContainerCheckpoint checkpoint() {
    return new ContainerCheckpoint(launch.id(), Checkpoints.encode(launch));
  }

  /** The processes of the container: its session and its cgroup. */
  Set<Long> members() {
    Set<Long> members = new LinkedHashSet<>(ProcStat.sessionMembers(launch.pid()));
    members.addAll(launch.cgroup().members());
    return members;
  }

  void signal(boolean kill) {
    for (long member : members()) {
      ProcessHandle.of(member)
          .ifPresent(
              p -> {
                if (kill) {
                  p.destroyForcibly();
                } else {
                  p.destroy();
                }
              });
    }
  }

  /**
   * Handles the end of the supervisor, once.
   *
   * @param supervisorCode the supervisor's exit status when this agent is its parent, else null
   */
  void finish(Integer supervisorCode) {
    if (runtime.closed() || !finishing.compareAndSet(false, true)) {
      return;
    }
    try {
      Instant finishedAt = runtime.scheduler().clock().instant();
      killRemaining();
      drain();
      boolean oom = launch.cgroup().oomKilled();
      launch.cgroup().remove();
      String recorded = ProcStat.readQuietly(launch.dir().resolve(ProcessRuntime.EXIT_FILE)).trim();
      ContainerExit end;
      if (!recorded.isEmpty()) {
        end = ContainerExit.of(Integer.parseInt(recorded), finishedAt, null);
      } else if (supervisorCode != null) {
        end = ContainerExit.of(supervisorCode, finishedAt, null);
      } else {
        end =
            ContainerExit.of(
                137,
                finishedAt,
                "the container's supervisor ended without recording the exit code");
      }
      if (oom) {
        end = new ContainerExit(end.exitCode(), finishedAt, ContainerExit.OOM_KILLED, null);
      }
      deleteDir();
      exit.complete(end);
    } catch (RuntimeException e) {
      exit.completeExceptionally(e);
    }
  }

  private void killRemaining() {
    for (int attempt = 0; attempt < 100; attempt++) {
      Set<Long> left = members();
      if (left.isEmpty()) {
        return;
      }
      signal(true);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void drain() {
    if (writer == null) {
      return;
    }
    try {
      if (!stdout.awaitDrained(2000) || !stderr.awaitDrained(100)) {
        // A process that escaped the session still holds the pipe: stop copying its output.
        stdout.close();
        stderr.close();
      }
      stdout.awaitDrained(1000);
      stderr.awaitDrained(1000);
      writer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The log file is as complete as it will get.
    }
  }

  /** Stops copying output without touching the processes, for a runtime that is letting go. */
  void detach() {
    if (writer == null) {
      return;
    }
    stdout.close();
    stderr.close();
    try {
      writer.close();
    } catch (IOException e) {
      // Nothing more will be written by this agent.
    }
  }

  private void deleteDir() {
    try (Stream<Path> files = Files.walk(launch.dir())) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left for the pod's cleanup.
    }
  }
}
