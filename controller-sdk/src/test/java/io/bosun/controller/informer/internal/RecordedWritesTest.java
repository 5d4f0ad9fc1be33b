package io.bosun.controller.informer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.WatchEvent;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write one controller records in a shared informer ({@code recordWrite}) before its watch event
 * arrives must still reach the other handlers as what it is: the scheduler missed a ReplicaSet's
 * new pods when their ADDED came as an UPDATED without a change. The informer is fed as its
 * reflector feeds it, without a server.
 */
class RecordedWritesTest {
  final ResourceDescriptor<ConfigMap> configMaps = ResourceDescriptor.of(ConfigMap.class);
  final List<String> seen = new CopyOnWriteArrayList<>();
  KubeClient client;
  DefaultInformer<ConfigMap> informer;

  @BeforeEach
  void informer() throws InterruptedException {
    // Never started: nothing is sent to this address.
    client = KubeClient.create(ClusterConfig.builder(URI.create("http://127.0.0.1:1")).build());
    informer = new DefaultInformer<>(client, configMaps, InformerOptions.builder().build(), false);
    informer.replace(List.of(tree("marker", "1", "x")), "1");
    CountDownLatch registered = new CountDownLatch(1);
    informer.addHandler(
        new EventHandler<>() {
          @Override
          public void onAdd(ConfigMap object, Origin origin) {
            if (name(object).equals("marker")) {
              registered.countDown();
            } else {
              seen.add("add " + name(object) + " " + value(object) + " " + origin);
            }
          }

          @Override
          public void onUpdate(ConfigMap old, ConfigMap now, Origin origin) {
            seen.add("update " + name(now) + " " + value(old) + "->" + value(now) + " " + origin);
          }

          @Override
          public void onDelete(ConfigMap object, Origin origin) {
            seen.add("delete " + name(object) + " " + origin);
          }
        });
    assertThat(registered.await(10, TimeUnit.SECONDS)).as("handler registered").isTrue();
  }

  @AfterEach
  void close() {
    informer.shutdown();
    client.close();
  }

  @Test
  void aCreatedObjectRecordedBeforeItsEventIsAnnouncedAsAdded() {
    assertThat(informer.recordWrite(object("new", "2", "a"))).isTrue();
    informer.apply(new WatchEvent<>(WatchEvent.Type.ADDED, tree("new", "2", "a"), "2"));

    assertThat(seen).containsExactly("add new a WATCH");
  }

  @Test
  void anUpdateRecordedBeforeItsEventIsAnnouncedAsAChangeFromWhatHandlersSaw() {
    informer.apply(new WatchEvent<>(WatchEvent.Type.ADDED, tree("cm", "2", "a"), "2"));
    assertThat(informer.recordWrite(object("cm", "3", "b"))).isTrue();
    assertThat(informer.get(null, "cm").map(RecordedWritesTest::value)).contains("b");
    informer.apply(new WatchEvent<>(WatchEvent.Type.MODIFIED, tree("cm", "3", "b"), "3"));

    assertThat(seen).containsExactly("add cm a WATCH", "update cm a->b WATCH");
  }

  @Test
  void aRecordedCreateThatARelistShowsIsAnnouncedAsAdded() {
    assertThat(informer.recordWrite(object("listed", "2", "a"))).isTrue();
    informer.replace(List.of(tree("marker", "1", "x"), tree("listed", "2", "a")), "2");

    assertThat(seen).containsExactly("add listed a RELIST");
  }

  private ConfigMap object(String name, String rv, String value) {
    return configMaps.fromTree(tree(name, rv, value));
  }

  private ObjectNode tree(String name, String rv, String value) {
    return configMaps.toTree(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withResourceVersion(rv)
            .endMetadata()
            .withData(Map.of("v", value))
            .build());
  }

  private static String name(ConfigMap object) {
    return object.getMetadata().getName();
  }

  private static String value(ConfigMap object) {
    return object.getData().get("v");
  }
}
