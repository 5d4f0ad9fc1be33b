package io.bosun.agent.runtime.internal;

import io.bosun.agent.logs.internal.CriLogWriter;
import io.bosun.agent.runtime.ContainerCheckpoint;
import io.bosun.agent.runtime.ContainerConfig;
import io.bosun.agent.runtime.ContainerHandle;
import io.bosun.agent.runtime.ContainerRuntime;
import io.bosun.agent.runtime.ContainerStartException;
import io.bosun.agent.runtime.ExecResult;
import io.bosun.agent.runtime.ProcessRuntimeOptions;
import io.bosun.agent.runtime.ResourceEnforcement;
import io.bosun.controller.queue.Scheduler;
import io.smallrye.mutiny.Uni;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The process runtime: each container is a session of host processes under a small supervisor
 * ({@link Shim}), with its output in named pipes that outlive the agent and its exit code written
 * to a file, so that a restarted agent can {@link #reattach} it.
 */
public final class ProcessRuntime implements ContainerRuntime {
  static final String EXIT_FILE = "exit";
  static final String STDOUT = "stdout";
  static final String STDERR = "stderr";
  private static final Duration ADOPTED_POLL = Duration.ofMillis(200);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProcessRuntimeOptions options;
  private final Cgroups cgroups;
  private final ExecutorService blocking;
  private final ScheduledExecutorService poller;
  private final Set<ProcessContainer> containers = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** A runtime with {@code options}; detects cgroup support once. */
  public ProcessRuntime(ProcessRuntimeOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.cgroups =
        options.cgroups() == ProcessRuntimeOptions.CgroupMode.NONE
            ? Cgroups.none("resource limits are not enforced: cgroups are disabled for this agent")
            : Cgroups.detect(options.cgroupName());
    this.blocking = Executors.newCachedThreadPool(daemon("bosun-runtime"));
    this.poller = Executors.newSingleThreadScheduledExecutor(daemon("bosun-runtime-poll"));
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  Scheduler scheduler() {
    return options.scheduler();
  }

  boolean closed() {
    return closed;
  }

  @Override
  public String type() {
    return "bosun-process";
  }

  @Override
  public ResourceEnforcement resourceEnforcement() {
    return cgroups.enforcement();
  }

  @Override
  public Uni<ContainerHandle> start(ContainerConfig config) {
    Objects.requireNonNull(config, "config");
    return Uni.createFrom().<ContainerHandle>item(() -> launch(config)).runSubscriptionOn(blocking);
  }

  private ProcessContainer launch(ContainerConfig config) {
    if (closed) {
      throw new IllegalStateException("the runtime is closed");
    }
    String path = config.env().getOrDefault("PATH", Executables.DEFAULT_PATH);
    if (!Files.isDirectory(config.workingDir())) {
      throw new ContainerStartException(
          ContainerStartException.START_ERROR,
          "chdir to cwd (\"" + config.workingDir() + "\") failed: no such file or directory");
    }
    Path program = Executables.resolve(config.argv().get(0), path, config.workingDir());
    List<String> runAs = runAs(config.runAs());
    List<String> argv = new ArrayList<>(runAs);
    argv.add(program.toString());
    argv.addAll(config.argv().subList(1, config.argv().size()));

    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String id = HexFormat.of().formatHex(random);
    Path dir = options.root().resolve(id);
    Cgroup cgroup = Cgroup.NONE;
    CriLogWriter writer = null;
    try {
      Files.createDirectories(dir);
      mkfifo(dir.resolve(STDOUT), dir.resolve(STDERR));
      cgroup = cgroups.create(config.group(), id, config.resources());
      writer = new CriLogWriter(config.logFile(), config.logRotation(), scheduler().clock());
      FifoPump out = new FifoPump(dir.resolve(STDOUT), STDOUT, writer).start(id);
      FifoPump err = new FifoPump(dir.resolve(STDERR), STDERR, writer).start(id);
      ProcessBuilder builder =
          new ProcessBuilder(
                  Shim.container(
                      dir.resolve(EXIT_FILE),
                      dir.resolve(STDOUT),
                      dir.resolve(STDERR),
                      cgroup.procsFiles(),
                      argv))
              .directory(config.workingDir().toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("shim.log").toFile()))
              .redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(config.env());
      Process process = builder.start();
      long ticks = ProcStat.read(process.pid()).map(ProcStat::startTicks).orElse(0L);
      ProcessContainer.Launch launch =
          new ProcessContainer.Launch(
              id,
              process.pid(),
              ticks,
              scheduler().clock().instant(),
              dir,
              cgroup,
              config.logFile(),
              config.logRotation(),
              config.env(),
              config.workingDir(),
              runAs);
      ProcessContainer container = new ProcessContainer(this, launch, writer, out, err);
      track(container);
      process.onExit().thenRunAsync(() -> container.finish(process.exitValue()), blocking);
      return container;
    } catch (IOException e) {
      cgroup.remove();
      closeQuietly(writer);
      throw new ContainerStartException(
          ContainerStartException.CREATE_CONTAINER_ERROR,
          "cannot set up container " + config.name() + ": " + e.getMessage());
    }
  }

  private void track(ProcessContainer container) {
    containers.add(container);
    container.exit().subscribe().with(end -> containers.remove(container), failure -> {});
  }

  private static List<String> runAs(ContainerConfig.RunAs runAs) {
    if (runAs == null) {
      return List.of();
    }
    return List.of(
        "/usr/bin/setpriv",
        "--reuid=" + runAs.uid(),
        "--regid=" + runAs.gid(),
        "--clear-groups",
        "--");
  }

  private static void mkfifo(Path... fifos) throws IOException {
    List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    for (Path fifo : fifos) {
      command.add(fifo.toString());
    }
    Process mkfifo = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(mkfifo.getInputStream().readAllBytes());
      if (mkfifo.waitFor() != 0) {
        throw new IOException("mkfifo failed: " + output.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating the container's pipes", e);
    }
  }

  @Override
  public ContainerHandle reattach(ContainerCheckpoint checkpoint) {
    ProcessContainer.Launch launch = Checkpoints.decode(checkpoint.id(), checkpoint.data());
    boolean alive = ProcStat.isAlive(launch.pid(), launch.startTicks());
    ProcessContainer container;
    if (alive) {
      CriLogWriter writer =
          new CriLogWriter(launch.logFile(), launch.logRotation(), scheduler().clock());
      FifoPump out = new FifoPump(launch.dir().resolve(STDOUT), STDOUT, writer).start(launch.id());
      FifoPump err = new FifoPump(launch.dir().resolve(STDERR), STDERR, writer).start(launch.id());
      container = new ProcessContainer(this, launch, writer, out, err);
      track(container);
      watch(container);
    } else {
      container = new ProcessContainer(this, launch, null, null, null);
      blocking.execute(() -> container.finish(null));
    }
    return container;
  }

  /** Polls for the end of a container this agent is not the parent of. */
  private void watch(ProcessContainer container) {
    ScheduledFuture<?>[] poll = new ScheduledFuture<?>[1];
    poll[0] =
        poller.scheduleWithFixedDelay(
            () -> {
              ProcessContainer.Launch launch = container.launch();
              if (!ProcStat.isAlive(launch.pid(), launch.startTicks())) {
                poll[0].cancel(false);
                blocking.execute(() -> container.finish(null));
              }
            },
            ADOPTED_POLL.toMillis(),
            ADOPTED_POLL.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @Override
  public Uni<ExecResult> exec(ContainerHandle container, List<String> command, Duration timeout) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(timeout, "timeout");
    if (!(container instanceof ProcessContainer process)) {
      throw new IllegalArgumentException("not a container of this runtime: " + container);
    }
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty");
    }
    return Uni.createFrom()
        .item(() -> new ExecRun(process.launch(), command, timeout, blocking).run())
        .runSubscriptionOn(blocking);
  }

  @Override
  public void close() {
    closed = true;
    poller.shutdownNow();
    for (ProcessContainer container : containers) {
      container.detach();
    }
    containers.clear();
    blocking.shutdown();
  }

  private static void closeQuietly(CriLogWriter writer) {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // Setting up failed already; that failure is the one to report.
      }
    }
  }
}
