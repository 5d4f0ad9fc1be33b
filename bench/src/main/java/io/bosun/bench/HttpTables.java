package io.bosun.bench;

import java.util.List;

/** The markdown tables {@link HttpBench} prints, with each row checked against issue 3's target. */
final class HttpTables {
  /** A target: a minimum rate (0 for none) and a maximum p99, with zero errors. */
  record Target(String text, double minRate, double maxP99Ms) {
    boolean met(ClosedLoop.Outcome outcome) {
      return outcome.errors() == 0
          && outcome.operations() > 0
          && outcome.rate() >= minRate
          && outcome.latencies().percentileMs(99) <= maxP99Ms;
    }
  }

  static final Target CREATE = new Target(">= 5,000/s, p99 <= 50 ms", 5000, 50);
  static final Target GET = new Target("p99 <= 5 ms", 0, 5);
  static final Target LIST = new Target("p99 <= 250 ms", 0, 250);

  /** Watch delivery p99 target, in milliseconds. */
  static final double WATCH_P99_MS = 10;

  /** One measurement, Bosun next to raw PostgreSQL. */
  record Row(
      String measurement,
      int clients,
      ClosedLoop.Outcome bosun,
      ClosedLoop.Outcome raw,
      Target target) {}

  private HttpTables() {}

  static void print(List<Row> rows) {
    System.out.println();
    System.out.println(
        "| measurement | clients | Bosun ops/s | Bosun p50 ms | Bosun p99 ms | raw PG ops/s"
            + " | raw PG p50 ms | raw PG p99 ms | Bosun/raw p99 | errors (Bosun/raw) | target | met |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Row row : rows) {
      Latencies b = row.bosun().latencies();
      Latencies r = row.raw().latencies();
      System.out.printf(
          "| %s | %d | %s | %.2f | %.2f | %s | %.2f | %.2f | %.1f | %d/%d | %s | %s |%n",
          row.measurement(),
          row.clients(),
          rate(row.bosun()),
          b.percentileMs(50),
          b.percentileMs(99),
          rate(row.raw()),
          r.percentileMs(50),
          r.percentileMs(99),
          b.percentileMs(99) / r.percentileMs(99),
          row.bosun().errors(),
          row.raw().errors(),
          row.target().text(),
          row.target().met(row.bosun()) ? "yes" : "no");
    }
    System.out.println();
    System.out.println(
        "| measurement | side | client cores | apiserver cores | PostgreSQL cores"
            + " | other processes' cores | machine busy cores | CPU ms per op (client/apiserver/PG) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Row row : rows) {
      printCpu(row.measurement(), "Bosun", row.bosun());
      printCpu(row.measurement(), "raw PG", row.raw());
    }
  }

  /**
   * The watch run: deliveries timed from the commit (Kubernetes' watch-latency SLI, which the
   * target is judged on) and from the create request (which adds the request's own time before its
   * commit).
   */
  static void print(WatchLoad.Outcome watch, HttpBenchOptions options) {
    Latencies commit = watch.fromCommit();
    Latencies request = watch.latencies();
    boolean met =
        commit.percentileMs(99) <= WATCH_P99_MS
            && commit.count() == request.count()
            && watch.complete() == watch.watches()
            && watch.outOfOrder() == 0
            && watch.writeErrors() == 0;
    System.out.println();
    System.out.println(
        "| watches | protocol | writes/s | deliveries measured | from commit p50 / p99 / max ms"
            + " | from request p50 / p99 / max ms | create p50 / p99 ms"
            + " | watchers that got every event | out of order | write errors | target | met |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    System.out.printf(
        "| %d | %s | %d | %d | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f / %.2f | %d/%d | %d"
            + " | %d | p99 <= 10 ms from commit | %s |%n",
        watch.watches(),
        options.protocol() == ApiClient.Protocol.HTTP_2
            ? "HTTP/2, " + options.watchStreams() + " watches per connection"
            : "HTTP/1.1, one connection per watch",
        watch.rate(),
        commit.count(),
        commit.percentileMs(50),
        commit.percentileMs(99),
        commit.percentileMs(100),
        request.percentileMs(50),
        request.percentileMs(99),
        request.percentileMs(100),
        watch.writes().percentileMs(50),
        watch.writes().percentileMs(99),
        watch.complete(),
        watch.watches(),
        watch.outOfOrder(),
        watch.writeErrors(),
        met ? "yes" : "no");
    System.out.println();
    System.out.println(
        "| each change, from its commit | first watcher p50 / p99 / max ms"
            + " | last watcher p50 / p99 / max ms |");
    System.out.println("|---|---|---|");
    Latencies first = watch.firstFromCommit();
    Latencies last = watch.lastFromCommit();
    System.out.printf(
        "| %d changes | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f |%n",
        first.count(),
        first.percentileMs(50),
        first.percentileMs(99),
        first.percentileMs(100),
        last.percentileMs(50),
        last.percentileMs(99),
        last.percentileMs(100));
    System.out.println();
    System.out.println(
        "| measurement | client cores | apiserver cores | PostgreSQL cores | other processes' cores | machine busy cores |");
    System.out.println("|---|---|---|---|---|---|");
    CpuMeter.Usage cpu = watch.cpu();
    System.out.printf(
        "| watch delivery | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
        cpu.client(), cpu.apiserver(), cpu.postgres(), cpu.others(), cpu.machine());
  }

  /** Operations per second: whole numbers, but a slow LIST keeps one decimal. */
  private static String rate(ClosedLoop.Outcome outcome) {
    double rate = outcome.rate();
    return rate >= 100 ? String.format("%.0f", rate) : String.format("%.1f", rate);
  }

  private static void printCpu(String measurement, String side, ClosedLoop.Outcome outcome) {
    CpuMeter.Usage cpu = outcome.cpu();
    // Cores times seconds over operations: the cost of one operation, whatever else ran.
    double msPerOp = outcome.seconds() * 1000 / Math.max(1, outcome.operations());
    System.out.printf(
        "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f/%.3f/%.3f |%n",
        measurement,
        side,
        cpu.client(),
        cpu.apiserver(),
        cpu.postgres(),
        cpu.others(),
        cpu.machine(),
        cpu.client() * msPerOp,
        cpu.apiserver() * msPerOp,
        cpu.postgres() * msPerOp);
  }
}
