package io.bosun.testkit.informer;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.ClientOptions;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An informer behind a TCP proxy that the test cuts and restores: a network partition between the
 * informer and a real apiserver, while another client keeps writing.
 */
@BosunTest
class InformerDisconnectIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ResourceDescriptor<ConfigMap> CONFIG_MAPS =
      ResourceDescriptor.of(ConfigMap.class);

  private TcpProxy proxy;
  private KubeClient behindProxy;

  @BeforeEach
  void startProxy(BosunApiServer server, ClusterConfig config) throws Exception {
    proxy = new TcpProxy(server.port());
    behindProxy =
        KubeClient.create(
            config.withServer(URI.create("https://127.0.0.1:" + proxy.port())),
            ClientOptions.builder()
                .readRetries(1)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(50))
                .build());
  }

  @AfterEach
  void stopProxy() throws Exception {
    behindProxy.close();
    proxy.close();
  }

  private Informer<ConfigMap> informer(TestNamespace ns) {
    return Informer.create(
        behindProxy,
        CONFIG_MAPS,
        InformerOptions.builder()
            .namespace(ns.name())
            .backoff(Duration.ofMillis(50), Duration.ofMillis(300))
            .build());
  }

  @Test
  void resumesTheWatchFromTheLastVersionSeenAfterAPartition(KubeClient client, TestNamespace ns)
      throws Exception {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    configMaps.create(configMap(ns.name(), "a", Map.of())).await().atMost(WAIT);
    Recorder<ConfigMap> recorder = new Recorder<>();
    try (Informer<ConfigMap> informer = informer(ns)) {
      informer.addHandler(recorder);
      informer.start().whenSynced().await().atMost(WAIT);

      proxy.cut();
      ConfigMap a = configMaps.get(ns.name(), "a").await().atMost(WAIT);
      a.getData().put("v", "during");
      configMaps.update(a).await().atMost(WAIT);
      configMaps.create(configMap(ns.name(), "b", Map.of())).await().atMost(WAIT);
      proxy.restore();

      Await.cached(informer, ns.name(), "b", cm -> true, WAIT);
      Await.cached(informer, ns.name(), "a", cm -> "during".equals(cm.getData().get("v")), WAIT);
      // Handlers hear of a change just after the cache holds it.
      Await.cache(informer, () -> recorder.of(Origin.WATCH).size() == 2, WAIT, "two live events");
      assertThat(recorder.of(Origin.WATCH)).containsExactly("update WATCH a", "add WATCH b");
      assertThat(recorder.of(Origin.RELIST)).isEmpty();
      assertThat(recorder.of(Origin.INITIAL_LIST)).containsExactly("add INITIAL_LIST a");
    }
  }

  @Test
  void listsAgainAndDeliversTheDifferenceWhenTheHistoryIsGone(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    configMaps.create(configMap(ns.name(), "kept", Map.of())).await().atMost(WAIT);
    configMaps.create(configMap(ns.name(), "changed", Map.of())).await().atMost(WAIT);
    configMaps.create(configMap(ns.name(), "deleted", Map.of())).await().atMost(WAIT);
    Recorder<ConfigMap> recorder = new Recorder<>();
    try (Informer<ConfigMap> informer = informer(ns)) {
      informer.addHandler(recorder);
      informer.start().whenSynced().await().atMost(WAIT);

      proxy.cut();
      ConfigMap changed = configMaps.get(ns.name(), "changed").await().atMost(WAIT);
      changed.getData().put("v", "2");
      configMaps.update(changed).await().atMost(WAIT);
      configMaps.delete(ns.name(), "deleted").await().atMost(WAIT);
      configMaps.create(configMap(ns.name(), "created", Map.of())).await().atMost(WAIT);
      server.compactHistory(client);
      proxy.restore();

      Await.cache(
          informer, () -> recorder.of(Origin.RELIST).size() == 3, WAIT, "the relist's events");
      assertThat(recorder.of(Origin.RELIST))
          .containsExactlyInAnyOrder(
              "update RELIST changed", "delete RELIST deleted", "add RELIST created");
      assertThat(recorder.of(Origin.WATCH)).isEmpty();
      assertThat(informer.keys())
          .containsExactlyInAnyOrder(
              ns.name() + "/kept", ns.name() + "/changed", ns.name() + "/created");
      assertThat(informer.get(ns.name(), "changed").orElseThrow().getData())
          .containsEntry("v", "2");

      // The informer watches again from the new list: live changes arrive as before.
      configMaps.delete(ns.name(), "kept").await().atMost(WAIT);
      Await.notCached(informer, ns.name(), "kept", WAIT);
      Await.cache(informer, () -> recorder.of(Origin.WATCH).size() == 1, WAIT, "the live delete");
      assertThat(recorder.of(Origin.WATCH)).containsExactly("delete WATCH kept");
    }
  }

  @Test
  void readsItsOwnWriteWhileTheWatchIsBehind(KubeClient client, TestNamespace ns) throws Exception {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    configMaps.create(configMap(ns.name(), "mine", Map.of())).await().atMost(WAIT);
    Recorder<ConfigMap> recorder = new Recorder<>();
    try (Informer<ConfigMap> informer = informer(ns)) {
      informer.addHandler(recorder);
      informer.start().whenSynced().await().atMost(WAIT);
      ConfigMap before = informer.get(ns.name(), "mine").orElseThrow();

      proxy.cut();
      ConfigMap edited = informer.get(ns.name(), "mine").orElseThrow();
      edited.getData().put("v", "written");
      ConfigMap written = configMaps.update(edited).await().atMost(WAIT);

      assertThat(informer.recordWrite(written)).isTrue();
      assertThat(informer.get(ns.name(), "mine").orElseThrow().getData())
          .containsEntry("v", "written");
      assertThat(informer.recordWrite(before)).as("an older version is refused").isFalse();
      assertThat(informer.get(ns.name(), "mine").orElseThrow().getData())
          .containsEntry("v", "written");

      proxy.restore();
      Await.cache(informer, () -> recorder.of(Origin.WATCH).size() == 1, WAIT, "the write's event");
      // The watch still delivers the write, for handlers, with the cached version as old.
      assertThat(recorder.of(Origin.WATCH)).containsExactly("update WATCH mine");
      assertThat(informer.recordWrite(written)).as("the watch has passed it").isFalse();
    }
  }
}
