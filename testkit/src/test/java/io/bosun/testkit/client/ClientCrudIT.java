package io.bosun.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.client.AlreadyExistsException;
import io.bosun.controller.client.ConflictException;
import io.bosun.controller.client.InvalidException;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceList;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.bosun.testkit.TestObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@BosunTest
class ClientCrudIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ConfigMap configMap(String namespace, String name, Map<String, String> data) {
    return TestObjects.configMap(namespace, name, Map.of(), data);
  }

  @Test
  void createsReadsUpdatesAndDeletesATypedObject(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);

    ConfigMap created =
        configMaps.create(configMap(ns.name(), "settings", Map.of("a", "1"))).await().atMost(WAIT);
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();

    ConfigMap read = configMaps.get(ns.name(), "settings").await().atMost(WAIT);
    assertThat(read.getData()).containsEntry("a", "1");

    read.getData().put("b", "2");
    ConfigMap updated = configMaps.update(read).await().atMost(WAIT);
    assertThat(updated.getData()).containsEntry("b", "2");
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

    configMaps.delete(ns.name(), "settings").await().atMost(WAIT);
    assertThatThrownBy(() -> configMaps.get(ns.name(), "settings").await().atMost(WAIT))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aMissingObjectFailsWithNotFoundCarryingTheServersStatus(
      KubeClient client, TestNamespace ns) {
    assertThatThrownBy(
            () -> client.resources(ConfigMap.class).get(ns.name(), "absent").await().atMost(WAIT))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.reason()).isEqualTo("NotFound");
              assertThat(e.status().getMessage()).isEqualTo("configmaps \"absent\" not found");
              assertThat(e.status().getDetails().getName()).isEqualTo("absent");
            });
  }

  @Test
  void creatingAnExistingNameFailsWithAlreadyExists(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    configMaps.create(configMap(ns.name(), "twice", Map.of())).await().atMost(WAIT);

    assertThatThrownBy(
            () -> configMaps.create(configMap(ns.name(), "twice", Map.of())).await().atMost(WAIT))
        .isInstanceOfSatisfying(
            AlreadyExistsException.class, e -> assertThat(e.code()).isEqualTo(409));
  }

  @Test
  void updatingAStaleVersionFailsWithConflict(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    ConfigMap first =
        configMaps.create(configMap(ns.name(), "contended", Map.of("n", "0"))).await().atMost(WAIT);
    ConfigMap stale = configMaps.get(ns.name(), "contended").await().atMost(WAIT);
    first.getData().put("n", "1");
    configMaps.update(first).await().atMost(WAIT);

    stale.getData().put("n", "2");
    assertThatThrownBy(() -> configMaps.update(stale).await().atMost(WAIT))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.code()).isEqualTo(409);
              assertThat(e.reason()).isEqualTo("Conflict");
            });
  }

  @Test
  void anInvalidObjectFailsWithInvalidNamingTheField(KubeClient client, TestNamespace ns) {
    assertThatThrownBy(
            () ->
                client
                    .resources(ConfigMap.class)
                    .create(configMap(ns.name(), "Not_A_Name", Map.of()))
                    .await()
                    .atMost(WAIT))
        .isInstanceOfSatisfying(
            InvalidException.class,
            e -> {
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.causes())
                  .anySatisfy(c -> assertThat(c.getField()).isEqualTo("metadata.name"));
            });
  }

  @Test
  void deleteWithAStalePreconditionFailsWithConflict(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    ConfigMap created =
        configMaps.create(configMap(ns.name(), "guarded", Map.of())).await().atMost(WAIT);
    var staleVersion =
        new DeleteOptionsBuilder()
            .withNewPreconditions()
            .withResourceVersion("1")
            .endPreconditions()
            .withPropagationPolicy("Background")
            .build();

    assertThatThrownBy(
            () -> configMaps.delete(ns.name(), "guarded", staleVersion).await().atMost(WAIT))
        .isInstanceOf(ConflictException.class);

    var current =
        new DeleteOptionsBuilder()
            .withNewPreconditions()
            .withUid(created.getMetadata().getUid())
            .withResourceVersion(created.getMetadata().getResourceVersion())
            .endPreconditions()
            .withGracePeriodSeconds(0L)
            .build();
    configMaps.delete(ns.name(), "guarded", current).await().atMost(WAIT);
    assertThatThrownBy(() -> configMaps.get(ns.name(), "guarded").await().atMost(WAIT))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void listsBySelectorInPages(KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    for (int i = 0; i < 5; i++) {
      Map<String, String> parity = Map.of("parity", i % 2 == 0 ? "even" : "odd");
      configMaps.create(TestObjects.configMap(ns.name(), "page-" + i, parity)).await().atMost(WAIT);
    }

    ResourceList<ConfigMap> odd =
        configMaps
            .list(ns.name(), new ListOptionsBuilder().withLabelSelector("parity=odd").build())
            .await()
            .atMost(WAIT);
    assertThat(odd.items())
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("page-1", "page-3");
    assertThat(odd.resourceVersion()).isNotEmpty();

    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ResourceList<ConfigMap> page =
          configMaps
              .list(ns.name(), new ListOptionsBuilder().withLimit(2L).withContinue(token).build())
              .await()
              .atMost(WAIT);
      page.items().forEach(c -> names.add(c.getMetadata().getName()));
      token = page.continueToken().orElse(null);
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactlyInAnyOrder("page-0", "page-1", "page-2", "page-3", "page-4");
  }
}
