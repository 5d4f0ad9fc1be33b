package io.bosun.testkit.informer;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@BosunTest
class SharedInformersIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ResourceDescriptor<ConfigMap> CONFIG_MAPS =
      ResourceDescriptor.of(ConfigMap.class);

  @Test
  void givesEveryUserOfAKindAndSelectionTheSameInformer(KubeClient client, TestNamespace ns) {
    try (SharedInformers informers = SharedInformers.create(client)) {
      Informer<ConfigMap> first =
          informers.informer(CONFIG_MAPS, InformerOptions.inNamespace(ns.name()));
      Recorder<ConfigMap> firstUser = new Recorder<>();
      first.addHandler(firstUser);
      first.whenSynced().await().atMost(WAIT);
      client
          .resources(CONFIG_MAPS)
          .create(configMap(ns.name(), "x", Map.of()))
          .await()
          .atMost(WAIT);
      Await.cached(first, ns.name(), "x", cm -> true, WAIT);

      Informer<ConfigMap> second =
          informers.informer(CONFIG_MAPS, InformerOptions.inNamespace(ns.name()));
      Recorder<ConfigMap> secondUser = new Recorder<>();
      second.addHandler(secondUser);
      client
          .resources(CONFIG_MAPS)
          .create(configMap(ns.name(), "y", Map.of()))
          .await()
          .atMost(WAIT);
      Await.cache(second, () -> secondUser.events.size() == 2, WAIT, "replay and live event");

      assertThat(second).isSameAs(first);
      assertThat(informers.size()).isEqualTo(1);
      assertThat(secondUser.events).containsExactly("add INITIAL_LIST x", "add WATCH y");
      assertThat(firstUser.events).containsExactly("add WATCH x", "add WATCH y");

      Informer<ConfigMap> selected =
          informers.informer(
              CONFIG_MAPS,
              InformerOptions.builder().namespace(ns.name()).labelSelector("a=b").build());
      assertThat(selected).isNotSameAs(first);
      assertThat(informers.size()).isEqualTo(2);
      assertThatThrownBy(first::close).isInstanceOf(IllegalStateException.class);
    }
  }
}
