package io.bosun.bench.josdk;

import io.bosun.controller.client.KubeClient;
import io.bosun.testkit.BosunApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK comparison of issue 5, in one run against one Bosun apiserver: the same no-op reconciler
 * written with Bosun's SDK and with the Java Operator SDK, each in its own child JVM, one after the
 * other, on the same items.
 *
 * <p>Usage: {@code java -cp ... io.bosun.bench.josdk.ControllerBench [--objects 10000] [--rate
 * 1000] [--warmup 10] [--seconds 30] [--workers 16] [--rounds 3] [--sdks bosun,josdk] [--child-jvm
 * "-XX:+UseG1GC -Xmx1g"] [--data-dir DIR]}. The apiserver is the packaged one ({@code
 * apiserver/target/quarkus-app/quarkus-run.jar}, found as the test kit finds it) with its embedded
 * PostgreSQL in the data directory (a fresh temporary one by default); its JVM options come from
 * {@code -Dbosun.testkit.jvm-options}, by default {@value #SERVER_JVM_OPTIONS}.
 */
public final class ControllerBench {
  static final String SERVER_JVM_OPTIONS = "-Xmx1g";
  private static final String NAMESPACE = "bench";
  private static final String EMPTY_NAMESPACE = "bench-empty";
  private static final Duration ANSWER = Duration.ofMinutes(5);

  /** The run's parameters. */
  record Settings(
      int objects,
      int rate,
      Duration warmup,
      Duration measured,
      int workers,
      int rounds,
      List<String> sdks,
      String childJvm,
      Path dataDir) {}

  private final Settings settings;
  private final Path kubeconfig;
  private final KubeClient client;
  private final LoadGenerator load;
  private long round;

  private ControllerBench(Settings settings, Path kubeconfig, KubeClient client) {
    this.settings = settings;
    this.kubeconfig = kubeconfig;
    this.client = client;
    this.load = new LoadGenerator(client, NAMESPACE, settings.objects());
  }

  public static void main(String[] args) throws Exception {
    Settings settings = parse(args);
    if (System.getProperty(BosunApiServer.JVM_OPTIONS_PROPERTY) == null) {
      System.setProperty(BosunApiServer.JVM_OPTIONS_PROPERTY, SERVER_JVM_OPTIONS);
    }
    log("apiserver: starting on " + settings.dataDir());
    try (BosunApiServer server = BosunApiServer.start(settings.dataDir().resolve("apiserver"));
        KubeClient client = KubeClient.create(server.clusterConfig())) {
      BenchCluster cluster = new BenchCluster(client);
      cluster.defineBenchItems();
      cluster.createNamespace(NAMESPACE);
      cluster.createNamespace(EMPTY_NAMESPACE);
      long start = System.nanoTime();
      cluster.createItems(NAMESPACE, settings.objects());
      log(
          String.format(
              "created %d items in %.1f s", settings.objects(), (System.nanoTime() - start) / 1e9));
      ControllerBench bench = new ControllerBench(settings, server.kubeconfig(), client);
      bench.warmUpApiserver();
      List<SdkResult> results = new ArrayList<>();
      for (String sdk : settings.sdks()) {
        results.add(bench.measure(sdk));
      }
      System.out.println();
      System.out.println(new Report(results, settings).markdown());
      System.out.println("Logs of the child JVMs and the apiserver: " + settings.dataDir());
    }
  }

  private SdkResult measure(String sdk) throws Exception {
    SdkResult result = new SdkResult(sdk);
    log(sdk + ": baseline heap with an empty namespace");
    try (OperatorProcess empty = launch(sdk, EMPTY_NAMESPACE)) {
      empty.expect("started", ANSWER);
      result.heapEmpty = Long.parseLong(empty.ask("heap", "heap", ANSWER)[0]);
    }
    log(sdk + ": start-up with " + settings.objects() + " items");
    long launched = WallClock.micros();
    try (OperatorProcess operator = launch(sdk, NAMESPACE)) {
      String[] started = operator.expect("started", ANSWER);
      String[] startup = operator.ask("startup", "startup", ANSWER);
      result.launchToFirst = Long.parseLong(startup[0]) - launched;
      result.launchToAll = Long.parseLong(startup[1]) - launched;
      result.mainToFirst = Long.parseLong(startup[0]) - Long.parseLong(started[0]);
      result.mainToSynced = Long.parseLong(started[1]) - Long.parseLong(started[0]);
      result.startupReconciles = Long.parseLong(startup[2]);
      result.heapFull = Long.parseLong(operator.ask("heap", "heap", ANSWER)[0]);
      for (int i = 0; i < settings.rounds(); i++) {
        drainRound(operator, result);
      }
      latency(operator, result);
    }
    if (load.errors() > 0) {
      throw new IllegalStateException(load.errors() + " writes of the load generator failed");
    }
    return result;
  }

  /**
   * Runs the apiserver through what the SDKs' runs ask of it (lists, writes, a watch) before the
   * first of them, so that its JIT warm-up does not count against whichever SDK runs first.
   */
  private void warmUpApiserver() throws InterruptedException {
    log("apiserver: warm-up");
    for (int i = 0; i < 3; i++) {
      client.resources(BenchItem.class).list(NAMESPACE).await().atMost(ANSWER);
    }
    try (RawWatch watch = RawWatch.open(client, NAMESPACE)) {
      for (int i = 0; i < 2; i++) {
        load.writeAll(++round);
      }
      load.writePaced(++round, settings.rate(), settings.warmup());
    }
  }

  /** Holds reconciles, writes every item once, then times the reconciles catching up. */
  private void drainRound(OperatorProcess operator, SdkResult result) throws Exception {
    round++;
    operator.ask("drain-prepare " + round, "drain-ready", ANSWER);
    double writes = load.writeAll(round);
    String[] drained = operator.ask("drain-run " + round, "drained", ANSWER);
    double seconds = Long.parseLong(drained[0]) / 1e6;
    result.drainRates.add(settings.objects() / seconds);
    result.drainReconciles.add(Long.parseLong(drained[1]));
    log(
        String.format(
            "%s: round %d written at %.0f/s, drained in %.1f ms",
            result.sdk, round, writes, seconds * 1000));
  }

  /** Paced writes: a warm-up, then the measured stretch, with a plain watch alongside. */
  private void latency(OperatorProcess operator, SdkResult result) throws Exception {
    round++;
    log(result.sdk + ": latency warm-up");
    try (RawWatch watch = RawWatch.open(client, NAMESPACE)) {
      load.writePaced(round, settings.rate(), settings.warmup());
      operator.ask("latency-start", "latency-recording", ANSWER);
      watch.record();
      log(result.sdk + ": latency measured");
      long start = System.nanoTime();
      result.latencySent = load.writePaced(round, settings.rate(), settings.measured());
      result.latencyWriteRate = result.latencySent / ((System.nanoTime() - start) / 1e9);
      Thread.sleep(500);
      String[] latency = operator.ask("latency-stop", "latency", ANSWER);
      result.latencyCount = Long.parseLong(latency[0]);
      result.latencyP50 = Long.parseLong(latency[1]);
      result.latencyP99 = Long.parseLong(latency[2]);
      result.latencyP999 = Long.parseLong(latency[3]);
      result.latencyMax = Long.parseLong(latency[4]);
      LatencyHistogram plain = watch.stop();
      result.watchP50 = plain.percentileMicros(50);
      result.watchP99 = plain.percentileMicros(99);
    }
  }

  private OperatorProcess launch(String sdk, String namespace) throws IOException {
    return OperatorProcess.launch(
        sdk,
        kubeconfig,
        namespace,
        settings.objects(),
        settings.workers(),
        settings.childJvm(),
        settings.dataDir());
  }

  private static Settings parse(String[] args) throws IOException {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      given.put(args[i].substring(2), args[i + 1]);
    }
    String dataDir = given.get("data-dir");
    return new Settings(
        Integer.parseInt(given.getOrDefault("objects", "10000")),
        Integer.parseInt(given.getOrDefault("rate", "1000")),
        Duration.ofSeconds(Long.parseLong(given.getOrDefault("warmup", "10"))),
        Duration.ofSeconds(Long.parseLong(given.getOrDefault("seconds", "30"))),
        Integer.parseInt(given.getOrDefault("workers", "16")),
        Integer.parseInt(given.getOrDefault("rounds", "3")),
        List.of(given.getOrDefault("sdks", "bosun,josdk").split(",")),
        given.getOrDefault("child-jvm", "-XX:+UseG1GC -Xmx1g"),
        dataDir != null
            ? Files.createDirectories(Path.of(dataDir))
            : Files.createTempDirectory("bosun-controller-bench-"));
  }

  private static void log(String message) {
    System.out.println("[bench] " + message);
  }
}
