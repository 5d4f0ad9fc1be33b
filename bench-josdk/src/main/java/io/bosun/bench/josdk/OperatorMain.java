package io.bosun.bench.josdk;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What each child JVM of the benchmark runs: one SDK's no-op operator, driven by commands on stdin
 * and answering on stdout with lines that start with {@value #PREFIX} (the SDKs log to stderr).
 *
 * <p>Usage: {@code OperatorMain <bosun|josdk> <kubeconfig> <namespace> <objects> <workers>}.
 *
 * <p>Commands: {@code heap}; {@code drain-prepare <round>} then {@code drain-run <round>}; {@code
 * latency-start}; {@code latency-stop}; {@code exit}. See {@link OperatorProcess}.
 */
public final class OperatorMain {
  static final String PREFIX = "BENCH ";
  private static final long DRAIN_TIMEOUT_MICROS = TimeUnit.MINUTES.toMicros(5);

  private final NoOpOperator operator;
  private final Probe probe;
  private final int objects;

  private OperatorMain(NoOpOperator operator, Probe probe, int objects) {
    this.operator = operator;
    this.probe = probe;
    this.objects = objects;
  }

  public static void main(String[] args) throws Exception {
    long mainMicros = WallClock.micros();
    String sdk = args[0];
    Path kubeconfig = Path.of(args[1]);
    String namespace = args[2];
    int objects = Integer.parseInt(args[3]);
    int workers = Integer.parseInt(args[4]);
    Probe probe = new Probe(objects);
    NoOpOperator operator =
        switch (sdk) {
          case "bosun" -> new BosunNoOp(kubeconfig, namespace, workers, probe);
          case "josdk" -> new JosdkNoOp(kubeconfig, namespace, workers, probe);
          default -> throw new IllegalArgumentException("unknown SDK: " + sdk);
        };
    operator.start();
    say("started", mainMicros, WallClock.micros());
    new OperatorMain(operator, probe, objects).serve();
  }

  private void serve() throws Exception {
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = commands.readLine()) != null; ) {
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "startup" -> {
          long all = probe.allAtTarget().get(5, TimeUnit.MINUTES);
          say("startup", probe.firstMicros(), all, probe.reconciles());
        }
        case "heap" -> say("heap", usedHeapAfterGc());
        case "drain-prepare" -> {
          probe.closeGate();
          probe.expect(Long.parseLong(words[1]));
          say("drain-ready");
        }
        case "drain-run" -> drain(Long.parseLong(words[1]));
        case "latency-start" -> {
          probe.recordLatencies();
          say("latency-recording");
        }
        case "latency-stop" -> {
          LatencyHistogram histogram = probe.stopLatencies();
          say("latency", histogram == null ? "0 -1 -1 -1 -1" : histogram.summary());
        }
        case "exit" -> {
          operator.close();
          say("bye");
          System.exit(0);
        }
        default -> say("error", "unknown command: " + line);
      }
    }
    operator.close();
  }

  /**
   * Waits until the cache holds every item at {@code round} (so every event is queued or held at
   * the gate), then opens the gate and times how long the reconciles take to catch up.
   */
  private void drain(long round) throws Exception {
    long deadline = WallClock.micros() + DRAIN_TIMEOUT_MICROS;
    while (operator.cachedAtRound(round) < objects) {
      if (WallClock.micros() > deadline) {
        say("error", "the cache never reached round " + round);
        return;
      }
      Thread.sleep(5);
    }
    long reconcilesBefore = probe.reconciles();
    long opened = WallClock.micros();
    probe.openGate();
    long done = probe.allAtTarget().get(5, TimeUnit.MINUTES);
    say("drained", done - opened, probe.reconciles() - reconcilesBefore);
  }

  /** The heap in use after full collections: the least of a few, as background threads allocate. */
  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  private static synchronized void say(Object... words) {
    StringBuilder line = new StringBuilder(PREFIX);
    for (int i = 0; i < words.length; i++) {
      line.append(i == 0 ? "" : " ").append(words[i]);
    }
    System.out.println(line);
    System.out.flush();
  }
}
