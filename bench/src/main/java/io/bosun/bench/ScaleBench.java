package io.bosun.bench;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.SharedInformers;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The workload scale benchmark of issue 6: a Deployment of {@code --replicas} pods (1,000) over
 * {@code --nodes} simulated nodes (100), from create to all pods bound and the Deployment
 * Available, then a rolling update of its template to completion. The apiserver (its Quarkus build,
 * on an embedded PostgreSQL) and the built-in controllers ({@code bosun controllers}, from the
 * server's build) run as child processes, so that each one's CPU and memory can be read apart; this
 * program plays the nodes and their kubelets ({@link SimulatedNodes}).
 *
 * <p>Usage: {@code java -cp ... io.bosun.bench.ScaleBench [--replicas N] [--nodes N]
 * [--apiserver-jar PATH] [--server-jar PATH]}, from the repository root; see docs/benchmarks.md.
 */
public final class ScaleBench {
  private static final String NAMESPACE = "scale";
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(20);

  private final KubeClient client;
  private final CpuMeter cpu;
  private final ProcessHandle apiserver;
  private final ProcessHandle controllers;
  private final int replicas;

  private ScaleBench(
      KubeClient client,
      CpuMeter cpu,
      ProcessHandle apiserver,
      ProcessHandle controllers,
      int replicas) {
    this.client = client;
    this.cpu = cpu;
    this.apiserver = apiserver;
    this.controllers = controllers;
    this.replicas = replicas;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    // Outside Quarkus, SmallRye's context propagation (on the classpath through the apiserver)
    // races to install itself from several threads at once; the benchmark needs none of it.
    io.smallrye.mutiny.infrastructure.Infrastructure.clearInterceptors();
    Map<String, String> flags = flags(args);
    int replicas = Integer.parseInt(flags.getOrDefault("--replicas", "1000"));
    int nodeCount = Integer.parseInt(flags.getOrDefault("--nodes", "100"));
    Path apiserverJar =
        Path.of(
            flags.getOrDefault("--apiserver-jar", "apiserver/target/quarkus-app/quarkus-run.jar"));
    Path serverJar =
        Path.of(flags.getOrDefault("--server-jar", "server/target/quarkus-app/quarkus-run.jar"));
    Path dir = Files.createTempDirectory("bosun-scalebench");
    Path pgData = dir.resolve("pg");
    try (EmbeddedPostgres postgres = BenchPostgres.start(pgData, 300)) {
      String url = BenchPostgres.createBosunDatabase(postgres);
      Path apiserverDir = dir.resolve("apiserver");
      try (ApiServerProcess server =
          ApiServerProcess.start(apiserverJar, apiserverDir, url, Duration.ofMinutes(2))) {
        Path kubeconfig = apiserverDir.resolve("kubeconfig");
        Process controllers =
            ApiServerProcess.startAndAwait(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    serverJar.toString(),
                    "controllers",
                    "--kubeconfig",
                    kubeconfig.toString(),
                    "--leader-elect=false"),
                "controllers",
                "Bosun controllers are running",
                Duration.ofMinutes(2));
        try (KubeClient client = KubeClient.create(ClusterConfig.fromKubeconfig(kubeconfig))) {
          new ScaleBench(
                  client,
                  new CpuMeter(server.handle(), pgData),
                  server.handle(),
                  controllers.toHandle(),
                  replicas)
              .run(nodeCount);
        } finally {
          controllers.destroy();
          controllers.waitFor();
        }
      }
    } finally {
      HttpBench.deleteTree(dir);
    }
    System.exit(0);
  }

  private void run(int nodeCount) throws Exception {
    SharedInformers shared = SharedInformers.create(client);
    InformerEventSources sources = InformerEventSources.of(shared);
    Informer<Pod> pods = sources.informer(Pod.class);
    Informer<Deployment> deployments = sources.informer(Deployment.class);
    PodCounts counts = new PodCounts(NAMESPACE);
    pods.addHandler(counts);
    pods.whenSynced().await().atMost(Duration.ofMinutes(1));
    deployments.whenSynced().await().atMost(Duration.ofMinutes(1));
    client
        .resources(io.fabric8.kubernetes.api.model.Namespace.class)
        .create(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .await()
        .atMost(Duration.ofSeconds(30));
    System.err.printf(
        "ScaleBench: %d replicas over %d nodes, nproc=%d, load average %s%n",
        replicas, nodeCount, Runtime.getRuntime().availableProcessors(), Resources.loadAverage());
    try (SimulatedNodes nodes = SimulatedNodes.start(client, nodeCount, NAMESPACE, pods)) {
      List<Phases.Result> results =
          List.of(
              Phases.measure(
                  "create to all bound and Available",
                  this::snapshot,
                  () -> create(),
                  () -> counts.bound() == replicas,
                  () -> complete(deployments, 1),
                  nodes,
                  PHASE_TIMEOUT),
              Phases.measure(
                  "rolling update (new image) to complete",
                  this::snapshot,
                  () -> rollImage(),
                  () -> true,
                  () -> complete(deployments, 2) && counts.active() == replicas,
                  nodes,
                  PHASE_TIMEOUT));
      Phases.print(results, replicas, nodeCount);
    } finally {
      shared.close();
    }
  }

  private Phases.Snapshot snapshot() {
    return new Phases.Snapshot(
        cpu.sample(),
        Resources.cpuNanos(controllers),
        Resources.rssKib(apiserver),
        Resources.rssKib(controllers));
  }

  private void create() {
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("web")
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .addToMatchLabels("app", "web")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("web:1")
            .withNewResources()
            .addToRequests("cpu", new Quantity("100m"))
            .addToRequests("memory", new Quantity("64Mi"))
            .endResources()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resources(Deployment.class).create(deployment).await().atMost(Duration.ofSeconds(30));
  }

  private void rollImage() {
    Map<String, Object> container =
        Map.of(
            "name",
            "web",
            "image",
            "web:2",
            "resources",
            Map.of("requests", Map.of("cpu", "100m", "memory", "64Mi")));
    client
        .resources(Deployment.class)
        .patch(
            NAMESPACE,
            "web",
            Patch.merge(
                Map.of(
                    "spec",
                    Map.of("template", Map.of("spec", Map.of("containers", List.of(container)))))))
        .await()
        .atMost(Duration.ofSeconds(30));
  }

  /** Whether the Deployment has rolled out generation {@code generation} completely. */
  private boolean complete(Informer<Deployment> deployments, long generation) {
    return deployments
        .get(NAMESPACE, "web")
        .filter(d -> d.getStatus() != null)
        .filter(d -> d.getStatus().getObservedGeneration() != null)
        .filter(d -> d.getStatus().getObservedGeneration() >= generation)
        .filter(d -> d.getStatus().getReplicas() != null && d.getStatus().getReplicas() == replicas)
        .filter(d -> equal(d.getStatus().getUpdatedReplicas(), replicas))
        .filter(d -> equal(d.getStatus().getAvailableReplicas(), replicas))
        .isPresent();
  }

  private static boolean equal(Integer value, int wanted) {
    return value != null && value == wanted;
  }

  /** {@code --flag value} pairs. */
  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      flags.put(args[i], args[i + 1]);
    }
    return flags;
  }

  /** Waits, polling every 50 ms, until {@code done}; fails after {@code timeout}. */
  static void await(BooleanSupplier done, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
