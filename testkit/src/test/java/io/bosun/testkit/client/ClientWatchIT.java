package io.bosun.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.GoneException;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.WatchEvent;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.bosun.testkit.TestObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@BosunTest
class ClientWatchIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ConfigMap configMap(String namespace, String name) {
    return TestObjects.configMap(namespace, name, Map.of(), Map.of("k", "v"));
  }

  @Test
  void streamsAddedModifiedAndDeletedFromAListsVersion(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    String from = configMaps.list(ns.name()).await().atMost(WAIT).resourceVersion();
    AssertSubscriber<WatchEvent<ConfigMap>> events =
        configMaps
            .watch(ns.name(), new ListOptionsBuilder().withResourceVersion(from).build())
            .subscribe()
            .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

    ConfigMap created = configMaps.create(configMap(ns.name(), "watched")).await().atMost(WAIT);
    created.getData().put("k", "changed");
    configMaps.update(created).await().atMost(WAIT);
    configMaps.delete(ns.name(), "watched").await().atMost(WAIT);

    events.awaitItems(3, WAIT);
    events.cancel();
    List<WatchEvent<ConfigMap>> items = events.getItems();
    assertThat(items)
        .extracting(WatchEvent::type)
        .containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED);
    assertThat(items.get(1).object().getData()).containsEntry("k", "changed");
    assertThat(items.get(2).resourceVersion())
        .isEqualTo(items.get(2).object().getMetadata().getResourceVersion());
  }

  /**
   * Controllers cancel watches as they go, each cancel an HTTP/2 stream reset on the one shared
   * connection; a thousand in a few seconds are not a rapid-reset attack, and the connection keeps
   * serving (the default guard answered with GOAWAY ENHANCE_YOUR_CALM).
   */
  @Test
  void aThousandCancelledWatchesLeaveTheConnectionServing(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    configMaps.create(configMap(ns.name(), "seen")).await().atMost(WAIT);
    for (int i = 0; i < 1_000; i++) {
      WatchEvent<ConfigMap> first =
          configMaps
              .watch(ns.name(), new ListOptionsBuilder().build())
              .toUni()
              .await()
              .atMost(WAIT);
      assertThat(first.object().getMetadata().getName()).isEqualTo("seen");
    }
    assertThat(configMaps.list(ns.name()).await().atMost(WAIT).items()).hasSize(1);
  }

  @Test
  void aWatchWithoutAVersionStartsWithTheCurrentObjects(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    configMaps.create(configMap(ns.name(), "existing")).await().atMost(WAIT);

    WatchEvent<ConfigMap> first =
        configMaps.watch(ns.name(), new ListOptionsBuilder().build()).toUni().await().atMost(WAIT);

    assertThat(first.type()).isEqualTo(WatchEvent.Type.ADDED);
    assertThat(first.object().getMetadata().getName()).isEqualTo("existing");
  }

  @Test
  void aWatchFromACompactedVersionFailsWithGone(
      KubeClient client, TestNamespace ns, BosunApiServer server) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    String old = configMaps.list(ns.name()).await().atMost(WAIT).resourceVersion();
    configMaps.create(configMap(ns.name(), "after")).await().atMost(WAIT);
    server.compactHistory(client);

    AssertSubscriber<WatchEvent<ConfigMap>> events =
        configMaps
            .watch(ns.name(), new ListOptionsBuilder().withResourceVersion(old).build())
            .subscribe()
            .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

    events.awaitFailure(WAIT);
    assertThat(events.getFailure())
        .isInstanceOfSatisfying(GoneException.class, e -> assertThat(e.code()).isEqualTo(410));
  }
}
