package io.bosun.testkit.support;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.ClientOptions;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.manager.Manager;
import io.bosun.controller.manager.ManagerBuilder;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.support.ReadYourWrites;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.bosun.testkit.informer.TcpProxy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciles that follow their own writes read those writes from the cache. The manager's watch
 * runs over a slow link, so that its events arrive well after the answers to the writes.
 */
@BosunTest
class ReadYourWritesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration WATCH_LATENCY = Duration.ofMillis(500);

  private TcpProxy slowLink;
  private KubeClient slowClient;

  @BeforeEach
  void slowLink(BosunApiServer server, ClusterConfig config) throws Exception {
    slowLink = new TcpProxy(server.port(), WATCH_LATENCY);
    slowClient =
        KubeClient.create(
            config.withServer(URI.create("https://127.0.0.1:" + slowLink.port())),
            ClientOptions.DEFAULTS);
  }

  @AfterEach
  void closeSlowLink() throws Exception {
    slowClient.close();
    slowLink.close();
  }

  /**
   * Runs a controller that writes the next step of a counter and requeues at once, until {@code
   * steps}; returns the reconciles that read an older version than they had written.
   */
  private List<String> staleReads(
      KubeClient client, TestNamespace ns, boolean readYourWrites, int steps) {
    ManagerBuilder builder = Manager.builder(slowClient, InformerOptions.inNamespace(ns.name()));
    Informer<ConfigMap> cache = builder.eventSources().informer(ConfigMap.class);
    ResourceClient<ConfigMap> writes =
        readYourWrites
            ? ReadYourWrites.client(client.resources(ConfigMap.class), cache)
            : client.resources(ConfigMap.class);
    AtomicLong lastWritten = new AtomicLong();
    List<String> stale = new CopyOnWriteArrayList<>();
    Manager manager =
        builder
            .add(
                Controller.forResource(ConfigMap.class)
                    .build(
                        request -> {
                          ConfigMap cm =
                              cache.get(request.namespace(), request.name()).orElseThrow();
                          long seen = Long.parseLong(cm.getMetadata().getResourceVersion());
                          if (seen < lastWritten.get()) {
                            stale.add(seen + " < " + lastWritten.get());
                          }
                          int step = Integer.parseInt(cm.getData().get("step"));
                          if (step >= steps) {
                            return Uni.createFrom().item(Result.done());
                          }
                          return writes
                              .patch(
                                  request.namespace(),
                                  request.name(),
                                  Patch.merge(Map.of("data", Map.of("step", "" + (step + 1)))))
                              .invoke(
                                  written ->
                                      lastWritten.accumulateAndGet(
                                          Long.parseLong(
                                              written.getMetadata().getResourceVersion()),
                                          Math::max))
                              .replaceWith(Result.requeueAfter(Duration.ZERO));
                        }))
            .build();
    manager.start().await().atMost(WAIT);
    try {
      client
          .resources(ConfigMap.class)
          .create(configMap(ns.name(), "counter", Map.of(), Map.of("step", "0")))
          .await()
          .atMost(WAIT);
      Await.object(
          client.resources(ConfigMap.class),
          ns.name(),
          "counter",
          cm -> String.valueOf(steps).equals(cm.getData().get("step")),
          WAIT);
      Await.cached(
          cache, ns.name(), "counter", cm -> cm.getData().get("step").equals("" + steps), WAIT);
      return stale;
    } finally {
      manager.stop().await().atMost(WAIT);
    }
  }

  @Test
  void aReconcileRightAfterAWriteSeesTheWrittenVersion(KubeClient client, TestNamespace ns) {
    assertThat(staleReads(client, ns, true, 20)).isEmpty();
  }

  @Test
  void withoutItAReconcileRightAfterAWriteReadsTheVersionBefore(
      KubeClient client, TestNamespace ns) {
    // The control: the same controller writing through a plain client reads its cache behind.
    assertThat(staleReads(client, ns, false, 2)).isNotEmpty();
  }
}
