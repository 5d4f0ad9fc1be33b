package io.bosun.bench.josdk;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The no-op reconciler written with the Java Operator SDK, with its defaults but for the number of
 * reconciliation threads. {@code Operator.start()} returns once the informers have synced.
 */
final class JosdkNoOp implements NoOpOperator, Reconciler<BenchItem> {
  private final Path kubeconfig;
  private final String namespace;
  private final int workers;
  private final Probe probe;
  private Operator operator;
  private volatile IndexedResourceCache<BenchItem> cache;

  JosdkNoOp(Path kubeconfig, String namespace, int workers, Probe probe) {
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
    this.workers = workers;
    this.probe = probe;
  }

  @Override
  public void start() throws IOException {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
    operator =
        new Operator(
            o -> o.withKubernetesClient(client).withConcurrentReconciliationThreads(workers));
    operator.register(this, c -> c.settingNamespace(namespace).withName("bench"));
    operator.start();
  }

  @Override
  public UpdateControl<BenchItem> reconcile(BenchItem item, Context<BenchItem> context) {
    if (cache == null) {
      cache = context.getPrimaryCache();
    }
    probe.gate().join();
    probe.observe(item);
    return UpdateControl.noUpdate();
  }

  @Override
  public int cachedAtRound(long round) {
    IndexedResourceCache<BenchItem> items = cache;
    return items == null
        ? 0
        : (int) items.list().filter(item -> item.getSpec().getRound() >= round).count();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
