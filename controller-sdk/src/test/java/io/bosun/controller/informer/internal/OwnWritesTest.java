package io.bosun.controller.informer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.WatchEvent;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our own writes go into the cache at once, yet handlers must still see them as changes when their
 * watch event (or a relist) arrives: other controllers sharing the cache compare old and new.
 * Driven through the reflector's side of the informer, so the order of write and event is fixed.
 */
class OwnWritesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ResourceDescriptor<ConfigMap> CONFIG_MAPS =
      ResourceDescriptor.of(ConfigMap.class);

  private KubeClient client;
  private DefaultInformer<ConfigMap> informer;
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    // Never started, so the unused address is never dialled.
    client = KubeClient.create(ClusterConfig.builder(URI.create("http://127.0.0.1:1")).build());
    informer = new DefaultInformer<>(client, CONFIG_MAPS, InformerOptions.builder().build(), false);
    informer.addHandler(
        new EventHandler<>() {
          @Override
          public void onAdd(ConfigMap object, Origin origin) {
            seen.add("add " + value(object));
          }

          @Override
          public void onUpdate(ConfigMap oldObject, ConfigMap newObject, Origin origin) {
            seen.add("update " + value(oldObject) + " -> " + value(newObject));
          }

          @Override
          public void onDelete(ConfigMap object, Origin origin) {
            seen.add("delete " + value(object));
          }
        });
  }

  @AfterEach
  void stop() {
    informer.shutdown();
    client.close();
  }

  @Test
  void theWatchEventOfAnUpdateWeRecordedIsDeliveredAsTheChange() throws Exception {
    informer.replace(List.of(configMap("one", "10")), "10");
    assertThat(next()).isEqualTo("add one");

    assertThat(informer.recordWrite(typed(configMap("two", "11")))).isTrue();
    assertThat(informer.get("default", "cm").orElseThrow().getData()).containsEntry("v", "two");
    informer.apply(new WatchEvent<>(WatchEvent.Type.MODIFIED, configMap("two", "11"), "11"));

    assertThat(next()).isEqualTo("update one -> two");
  }

  @Test
  void theWatchEventOfACreateWeRecordedIsDeliveredAsAnAdd() throws Exception {
    informer.replace(List.of(), "10");

    assertThat(informer.recordWrite(typed(configMap("new", "11")))).isTrue();
    informer.apply(new WatchEvent<>(WatchEvent.Type.ADDED, configMap("new", "11"), "11"));

    assertThat(next()).isEqualTo("add new");
  }

  @Test
  void anEarlierEventWaitsAndTheWriteIsDeliveredFromTheStateHandlersSaw() throws Exception {
    informer.replace(List.of(configMap("one", "10")), "10");
    assertThat(next()).isEqualTo("add one");

    informer.recordWrite(typed(configMap("three", "12")));
    informer.apply(new WatchEvent<>(WatchEvent.Type.MODIFIED, configMap("two", "11"), "11"));
    informer.apply(new WatchEvent<>(WatchEvent.Type.MODIFIED, configMap("three", "12"), "12"));

    assertThat(next()).isEqualTo("update one -> three");
    assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aRelistThatShowsOurWriteDeliversItOnce() throws Exception {
    informer.replace(List.of(configMap("one", "10")), "10");
    assertThat(next()).isEqualTo("add one");

    informer.recordWrite(typed(configMap("two", "11")));
    informer.replace(List.of(configMap("two", "11")), "11");
    informer.replace(List.of(configMap("two", "11")), "11");

    assertThat(next()).isEqualTo("update one -> two");
    assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  private String next() throws InterruptedException {
    String event = seen.poll(5, TimeUnit.SECONDS);
    assertThat(event).as("a handler call within 5 s").isNotNull();
    return event;
  }

  private static String value(ConfigMap configMap) {
    return configMap.getData().get("v");
  }

  private static ConfigMap typed(ObjectNode tree) {
    return MAPPER.convertValue(tree, ConfigMap.class);
  }

  private static ObjectNode configMap(String value, String resourceVersion) {
    ObjectNode tree = MAPPER.createObjectNode();
    tree.put("apiVersion", "v1").put("kind", "ConfigMap");
    tree.putObject("metadata")
        .put("name", "cm")
        .put("namespace", "default")
        .put("resourceVersion", resourceVersion);
    tree.set("data", MAPPER.valueToTree(Map.of("v", value)));
    return tree;
  }
}
