package io.bosun.testkit.informer;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.CacheTransforms;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@BosunTest
class InformerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ResourceDescriptor<ConfigMap> CONFIG_MAPS =
      ResourceDescriptor.of(ConfigMap.class);

  @Test
  void listsThenWatchesAndTellsHandlersOfEveryChange(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    for (int i = 0; i < 5; i++) {
      configMaps.create(configMap(ns.name(), "before-" + i, Map.of())).await().atMost(WAIT);
    }
    Recorder<ConfigMap> recorder = new Recorder<>();
    try (Informer<ConfigMap> informer =
        Informer.create(
            client,
            CONFIG_MAPS,
            InformerOptions.builder().namespace(ns.name()).pageSize(2).build())) {
      informer.addHandler(recorder);
      informer.start().whenSynced().await().atMost(WAIT);

      assertThat(informer.hasSynced()).isTrue();
      assertThat(informer.keys()).hasSize(5);
      assertThat(recorder.of(Origin.INITIAL_LIST)).hasSize(5).allMatch(e -> e.startsWith("add"));

      ConfigMap created =
          configMaps.create(configMap(ns.name(), "live", Map.of())).await().atMost(WAIT);
      created.getData().put("v", "2");
      configMaps.update(created).await().atMost(WAIT);
      configMaps.delete(ns.name(), "before-0").await().atMost(WAIT);

      Await.cache(informer, () -> recorder.of(Origin.WATCH).size() == 3, WAIT, "three live events");
      assertThat(recorder.of(Origin.WATCH))
          .containsExactly("add WATCH live", "update WATCH live", "delete WATCH before-0");
      assertThat(informer.get(ns.name(), "live").orElseThrow().getData()).containsEntry("v", "2");
      assertThat(informer.get(ns.name(), "before-0")).isEmpty();
      Recorder.Update<ConfigMap> update = recorder.updates.get(0);
      assertThat(update.oldObject().getData()).containsEntry("v", "1");
      assertThat(update.newObject().getData()).containsEntry("v", "2");
    }
  }

  @Test
  void cachesOnlyWhatTheSelectorMatches(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    configMaps.create(configMap(ns.name(), "web", Map.of("tier", "web"))).await().atMost(WAIT);
    configMaps.create(configMap(ns.name(), "db", Map.of("tier", "db"))).await().atMost(WAIT);
    try (Informer<ConfigMap> informer =
        Informer.create(
            client,
            CONFIG_MAPS,
            InformerOptions.builder().namespace(ns.name()).labelSelector("tier=web").build())) {
      informer.start().whenSynced().await().atMost(WAIT);
      assertThat(informer.keys()).containsExactly(ns.name() + "/web");

      configMaps.create(configMap(ns.name(), "web-2", Map.of("tier", "web"))).await().atMost(WAIT);
      configMaps.create(configMap(ns.name(), "db-2", Map.of("tier", "db"))).await().atMost(WAIT);
      Await.cached(informer, ns.name(), "web-2", cm -> true, WAIT);
      assertThat(informer.get(ns.name(), "db-2")).isEmpty();
    }
    try (Informer<ConfigMap> byName =
        Informer.create(
            client,
            CONFIG_MAPS,
            InformerOptions.builder()
                .namespace(ns.name())
                .fieldSelector("metadata.name=db")
                .build())) {
      byName.start().whenSynced().await().atMost(WAIT);
      assertThat(byName.keys()).containsExactly(ns.name() + "/db");
    }
  }

  @Test
  void findsObjectsByNamespaceAndByCustomIndexes(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    configMaps.create(configMap(ns.name(), "a", Map.of("team", "red"))).await().atMost(WAIT);
    configMaps.create(configMap(ns.name(), "b", Map.of("team", "blue"))).await().atMost(WAIT);
    try (Informer<ConfigMap> informer =
        Informer.create(client, CONFIG_MAPS, InformerOptions.inNamespace(ns.name()))) {
      informer.addIndexer(
          "team", cm -> List.of(cm.getMetadata().getLabels().getOrDefault("team", "")));
      informer.start().whenSynced().await().atMost(WAIT);

      assertThat(informer.byIndex(Informer.NAMESPACE_INDEX, ns.name())).hasSize(2);
      assertThat(informer.byIndex("team", "red"))
          .extracting(cm -> cm.getMetadata().getName())
          .containsExactly("a");

      ConfigMap b = configMaps.get(ns.name(), "b").await().atMost(WAIT);
      b.getMetadata().getLabels().put("team", "red");
      configMaps.update(b).await().atMost(WAIT);
      Await.cache(informer, () -> informer.byIndex("team", "red").size() == 2, WAIT, "b red");
      assertThat(informer.byIndex("team", "blue")).isEmpty();

      // A second controller asking for the same index shares the first one's.
      assertThat(informer.addIndexerIfAbsent("team", cm -> List.of("other"))).isFalse();
      assertThat(informer.byIndex("team", "red")).hasSize(2);
      assertThatThrownBy(() -> informer.addIndexer("team", cm -> List.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(informer.addIndexerIfAbsent("name", cm -> List.of(cm.getMetadata().getName())))
          .isTrue();
      assertThat(informer.byIndex("name", "a")).hasSize(1);
    }
  }

  @Test
  void replaysTheCacheToALateHandlerAndResyncsPeriodically(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    configMaps.create(configMap(ns.name(), "steady", Map.of())).await().atMost(WAIT);
    try (Informer<ConfigMap> informer =
        Informer.create(client, CONFIG_MAPS, InformerOptions.inNamespace(ns.name()))) {
      informer.start().whenSynced().await().atMost(WAIT);

      Recorder<ConfigMap> late = new Recorder<>();
      informer.addHandler(late, Duration.ofMillis(100));
      Await.cache(informer, () -> late.of(Origin.RESYNC).size() >= 2, WAIT, "two resyncs");

      assertThat(late.events.get(0)).isEqualTo("add INITIAL_LIST steady");
      assertThat(late.of(Origin.RESYNC)).allMatch(e -> e.equals("update RESYNC steady"));
      Recorder.Update<ConfigMap> resync = late.updates.get(0);
      assertThat(resync.oldObject()).isEqualTo(resync.newObject());
    }
  }

  @Test
  void putsOurOwnWriteIntoTheCacheAtOnce(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(CONFIG_MAPS);
    configMaps.create(configMap(ns.name(), "mine", Map.of())).await().atMost(WAIT);
    try (Informer<ConfigMap> informer =
        Informer.create(client, CONFIG_MAPS, InformerOptions.inNamespace(ns.name()))) {
      informer.start().whenSynced().await().atMost(WAIT);
      ConfigMap stale = informer.get(ns.name(), "mine").orElseThrow();

      ConfigMap fresh = informer.get(ns.name(), "mine").orElseThrow();
      fresh.getData().put("v", "written");
      ConfigMap written = configMaps.update(fresh).await().atMost(WAIT);

      boolean taken = informer.recordWrite(written);
      ConfigMap read = informer.get(ns.name(), "mine").orElseThrow();
      // Either our write went in, or the watch had already delivered it: both read it back.
      assertThat(read.getData()).containsEntry("v", "written");
      assertThat(informer.recordWrite(stale)).isFalse();
      assertThat(informer.get(ns.name(), "mine").orElseThrow().getData())
          .containsEntry("v", "written");
      assertThat(
              taken
                  || informer
                      .lastSyncResourceVersion()
                      .equals(written.getMetadata().getResourceVersion()))
          .isTrue();
    }
  }

  @Test
  void stripsManagedFieldsAndTheLastAppliedAnnotationBeforeCaching(
      KubeClient client, TestNamespace ns) {
    ConfigMap applied = configMap(ns.name(), "applied", Map.of());
    applied
        .getMetadata()
        .setAnnotations(
            Map.of(CacheTransforms.LAST_APPLIED_ANNOTATION, "{\"big\":true}", "keep", "me"));
    client.resources(CONFIG_MAPS).create(applied).await().atMost(WAIT);
    try (Informer<ConfigMap> informer =
        Informer.create(client, CONFIG_MAPS, InformerOptions.inNamespace(ns.name()))) {
      informer.start().whenSynced().await().atMost(WAIT);
      ConfigMap cached = informer.get(ns.name(), "applied").orElseThrow();
      assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys("keep");
      assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    }
  }
}
