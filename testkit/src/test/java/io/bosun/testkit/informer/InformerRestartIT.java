package io.bosun.testkit.informer;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@BosunTest
class InformerRestartIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ResourceDescriptor<ConfigMap> CONFIG_MAPS =
      ResourceDescriptor.of(ConfigMap.class);

  @Test
  void reconnectsAfterTheApiserverRestartsAndCatchesUp(
      KubeClient client, TestNamespace ns, BosunApiServer server) {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    configMaps.create(configMap(ns.name(), "old", Map.of())).await().atMost(WAIT);
    Recorder<ConfigMap> recorder = new Recorder<>();
    try (Informer<ConfigMap> informer =
        Informer.create(
            client,
            CONFIG_MAPS,
            InformerOptions.builder()
                .namespace(ns.name())
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .build())) {
      informer.addHandler(recorder);
      informer.start().whenSynced().await().atMost(WAIT);

      server.restart();
      ConfigMap old = configMaps.get(ns.name(), "old").await().atMost(WAIT);
      old.getData().put("v", "after restart");
      configMaps.update(old).await().atMost(WAIT);
      configMaps.create(configMap(ns.name(), "new", Map.of())).await().atMost(WAIT);

      Await.cached(informer, ns.name(), "new", cm -> true, WAIT);
      Await.cached(
          informer, ns.name(), "old", cm -> "after restart".equals(cm.getData().get("v")), WAIT);
      // Handlers hear of a change just after the cache holds it.
      Await.cache(informer, () -> recorder.of(Origin.WATCH).size() == 2, WAIT, "two live events");
      assertThat(recorder.of(Origin.WATCH)).containsExactly("update WATCH old", "add WATCH new");
      assertThat(recorder.of(Origin.INITIAL_LIST)).containsExactly("add INITIAL_LIST old");
      assertThat(informer.hasSynced()).isTrue();
    }
  }
}
