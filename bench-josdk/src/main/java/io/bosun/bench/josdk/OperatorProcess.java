package io.bosun.bench.josdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link OperatorMain} for one SDK, on the benchmark's own classpath, with its
 * stderr (the SDK's logs) in a file. Sends commands and waits for the answers.
 */
final class OperatorProcess implements AutoCloseable {
  private static final String[] NO_ANSWER = new String[0];

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String[]> answers = new LinkedBlockingQueue<>();

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> readAnswers(log), "operator-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code sdk}'s operator on the items of {@code namespace}. */
  static OperatorProcess launch(
      String sdk,
      Path kubeconfig,
      String namespace,
      int objects,
      int workers,
      String jvmOptions,
      Path logDir)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Arrays.stream(jvmOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            OperatorMain.class.getName(),
            sdk,
            kubeconfig.toString(),
            namespace,
            Integer.toString(objects),
            Integer.toString(workers)));
    Path log = logDir.resolve(sdk + "-" + namespace + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new OperatorProcess(process, log);
  }

  /** Sends a command line. */
  void send(String command) {
    commands.println(command);
  }

  /**
   * Waits for the answer line {@code event} and returns its words after the event's name.
   *
   * @throws IllegalStateException if the child reports an error, exits, or does not answer in time
   */
  String[] expect(String event, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String[] answer =
          answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (answer == null) {
        throw new IllegalStateException("no '" + event + "' from the operator within " + timeout);
      }
      if (answer == NO_ANSWER) {
        throw new IllegalStateException("the operator exited while waiting for '" + event + "'");
      }
      if (answer[0].equals("error")) {
        throw new IllegalStateException("the operator failed: " + String.join(" ", answer));
      }
      if (answer[0].equals(event)) {
        return Arrays.copyOfRange(answer, 1, answer.length);
      }
    }
  }

  /** Sends {@code command} and waits for the answer {@code event}. */
  String[] ask(String command, String event, Duration timeout) throws InterruptedException {
    send(command);
    return expect(event, timeout);
  }

  private void readAnswers(Path log) {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith(OperatorMain.PREFIX)) {
          answers.add(line.substring(OperatorMain.PREFIX.length()).split(" "));
        } else {
          out.write(line + "\n");
          out.flush();
        }
      }
    } catch (IOException e) {
      // The child ended; signalled below.
    }
    answers.add(NO_ANSWER);
  }

  /** Asks the child to stop its operator and exit; kills it if it does not. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      send("exit");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
