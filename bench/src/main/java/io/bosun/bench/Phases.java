package io.bosun.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The scale benchmark's measured phases: one action, the moments it reaches, and what it cost. */
final class Phases {
  private Phases() {}

  /** CPU and memory at one moment: the meter's sample, the controllers' CPU, both RSS in KiB. */
  record Snapshot(
      CpuMeter.Sample cpu, long controllersCpu, long apiserverRss, long controllersRss) {}

  /** A measured phase. */
  record Result(
      String name,
      Duration firstMilestone,
      Duration total,
      Snapshot from,
      Snapshot to,
      Latencies startup,
      String loadAverage) {}

  /**
   * Runs {@code action}, then waits for {@code milestone} (its time is recorded) and {@code done}.
   */
  static Result measure(
      String name,
      Supplier<Snapshot> snapshot,
      Runnable action,
      BooleanSupplier milestone,
      BooleanSupplier done,
      SimulatedNodes nodes,
      Duration timeout)
      throws InterruptedException {
    nodes.drainStartupLatencies();
    Snapshot from = snapshot.get();
    long start = System.nanoTime();
    action.run();
    ScaleBench.await(milestone, timeout, name + ": first milestone");
    Duration first = Duration.ofNanos(System.nanoTime() - start);
    ScaleBench.await(done, timeout, name);
    Duration total = Duration.ofNanos(System.nanoTime() - start);
    Result result =
        new Result(
            name,
            first,
            total,
            from,
            snapshot.get(),
            nodes.drainStartupLatencies(),
            Resources.loadAverage());
    System.err.printf("ScaleBench: %s in %.1f s%n", name, total.toMillis() / 1000.0);
    return result;
  }

  /** Prints the results as markdown tables on standard output. */
  static void print(List<Result> results, int replicas, int nodes) {
    System.out.printf(
        "%n%d replicas over %d simulated nodes, nproc=%d%n%n",
        replicas, nodes, Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| phase | all bound (s) | done (s) | pods started | start-up p50 (ms) | p99 (ms) | max (ms)"
            + " | load avg at end |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      System.out.printf(
          "| %s | %.1f | %.1f | %d | %.0f | %.0f | %.0f | %s |%n",
          r.name(),
          r.firstMilestone().toMillis() / 1000.0,
          r.total().toMillis() / 1000.0,
          r.startup().count(),
          r.startup().percentileMs(50),
          r.startup().percentileMs(99),
          r.startup().percentileMs(100),
          r.loadAverage());
    }
    System.out.println();
    System.out.println(
        "| phase | apiserver cores | controllers cores | PostgreSQL cores | benchmark cores"
            + " | machine cores | apiserver RSS (MiB) | controllers RSS (MiB) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      CpuMeter.Usage usage = CpuMeter.Usage.between(r.from().cpu(), r.to().cpu());
      double wall = Math.max(1, r.to().cpu().wall() - r.from().cpu().wall());
      System.out.printf(
          "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n",
          r.name(),
          usage.apiserver(),
          (r.to().controllersCpu() - r.from().controllersCpu()) / wall,
          usage.postgres(),
          usage.client(),
          usage.machine(),
          r.to().apiserverRss() / 1024,
          r.to().controllersRss() / 1024);
    }
  }
}
