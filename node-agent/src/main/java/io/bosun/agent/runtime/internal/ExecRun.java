package io.bosun.agent.runtime.internal;

import io.bosun.agent.runtime.ContainerStartException;
import io.bosun.agent.runtime.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One command run beside a container: in its cgroup, with its environment and working directory, in
 * a session of its own so that a command that times out is killed with everything it started.
 */
final class ExecRun {
  /** The kubelet keeps at most 10 KiB of a probe's output. */
  static final int MAX_OUTPUT = 10 * 1024;

  private final ProcessContainer.Launch container;
  private final List<String> command;
  private final Duration timeout;
  private final ExecutorService executor;

  ExecRun(
      ProcessContainer.Launch container,
      List<String> command,
      Duration timeout,
      ExecutorService executor) {
    this.container = container;
    this.command = command;
    this.timeout = timeout;
    this.executor = executor;
  }

  ExecResult run() {
    try {
      return execute();
    } catch (IOException e) {
      return new ExecResult(126, "cannot run " + command + ": " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ExecResult(-1, "interrupted", true);
    }
  }

  private ExecResult execute() throws IOException, InterruptedException {
    String path = container.env().getOrDefault("PATH", Executables.DEFAULT_PATH);
    List<String> argv = new ArrayList<>(container.runAs());
    try {
      argv.add(Executables.resolve(command.get(0), path, container.workingDir()).toString());
    } catch (ContainerStartException e) {
      return new ExecResult(127, e.getMessage(), false);
    }
    argv.addAll(command.subList(1, command.size()));
    ProcessBuilder builder =
        new ProcessBuilder(Shim.exec(container.cgroup().procsFiles(), argv))
            .directory(container.workingDir().toFile())
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(container.env());
    Process process = builder.start();
    process.getOutputStream().close();
    Future<String> output = executor.submit(() -> read(process.getInputStream()));
    boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    // Whatever the command left behind goes with it, so that probes never pile up processes.
    for (long member : ProcStat.sessionMembers(process.pid())) {
      ProcessHandle.of(member).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (!finished) {
      // Only then: destroying closes the output pipe, which would race the reader of a command
      // that ended on its own (its output lost when the reader had not started yet).
      process.destroyForcibly();
    }
    String text;
    try {
      text = output.get(finished ? 5 : 1, TimeUnit.SECONDS);
    } catch (Exception e) {
      output.cancel(true);
      text = "";
    }
    return finished
        ? new ExecResult(process.exitValue(), text, false)
        : new ExecResult(-1, text, true);
  }

  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      kept.write(buffer, 0, Math.min(n, MAX_OUTPUT - kept.size()));
    }
    return kept.toString(StandardCharsets.UTF_8);
  }
}
