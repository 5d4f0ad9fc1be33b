package io.bosun.bench.josdk;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.smallrye.mutiny.Uni;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The no-op reconciler written with Bosun's SDK, with its defaults but for the concurrency. */
final class BosunNoOp implements NoOpOperator {
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(5);

  private final Path kubeconfig;
  private final String namespace;
  private final int workers;
  private final Probe probe;
  private KubeClient client;
  private SharedInformers informers;
  private Informer<BenchItem> cache;
  private Controller controller;

  BosunNoOp(Path kubeconfig, String namespace, int workers, Probe probe) {
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
    this.workers = workers;
    this.probe = probe;
  }

  @Override
  public void start() {
    client = KubeClient.create(ClusterConfig.fromKubeconfig(kubeconfig));
    informers = SharedInformers.create(client);
    InformerEventSources sources =
        InformerEventSources.of(informers, InformerOptions.inNamespace(namespace));
    cache = sources.informer(BenchItem.class);
    controller =
        Controller.forResource(BenchItem.class)
            .withOptions(
                ControllerOptions.builder().name("bench").maxConcurrentReconciles(workers).build())
            .build(this::reconcile);
    controller.start(sources);
    cache.whenSynced().await().atMost(SYNC_TIMEOUT);
  }

  private Uni<Result> reconcile(Request request) {
    CompletableFuture<Void> gate = probe.gate();
    if (gate.isDone()) {
      return Uni.createFrom().item(() -> observe(request));
    }
    return Uni.createFrom().completionStage(gate).map(open -> observe(request));
  }

  private Result observe(Request request) {
    cache.get(request.namespace(), request.name()).ifPresent(probe::observe);
    return Result.done();
  }

  @Override
  public int cachedAtRound(long round) {
    return (int) cache.list().stream().filter(item -> item.getSpec().getRound() >= round).count();
  }

  @Override
  public void close() {
    controller.stop().await().atMost(Duration.ofSeconds(30));
    informers.close();
    client.close();
  }
}
