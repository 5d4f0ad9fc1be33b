package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.bosun.apiserver.wiring.StorageLifecycle;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fabric8 kubernetes-client, used as an operator would use it, against Bosun unchanged. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@Timeout(60)
class Fabric8ClientIT {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  @Inject StorageLifecycle lifecycle;

  KubernetesClient client;
  String namespace;

  @BeforeEach
  void connect() {
    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl("https://localhost:" + port)
            .withTrustCerts(true)
            .withOauthToken(EmbeddedPostgresResource.TOKEN)
            .build();
    client = new KubernetesClientBuilder().withConfig(config).build();
    namespace = "fabric8-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withData(data)
        .build();
  }

  @Test
  void typedCrudOfConfigMaps() {
    ConfigMap created =
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(configMap("crud", Map.of("a", "1")))
            .create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();

    ConfigMap edited =
        client
            .configMaps()
            .inNamespace(namespace)
            .withName("crud")
            .edit(cm -> new ConfigMapBuilder(cm).addToData("b", "2").build());
    assertThat(edited.getData()).containsEntry("a", "1").containsEntry("b", "2");
    assertThat(client.configMaps().inNamespace(namespace).list().getItems())
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactly("crud");

    assertThat(client.configMaps().inNamespace(namespace).withName("crud").delete()).hasSize(1);
    assertThat(client.configMaps().inNamespace(namespace).withName("crud").get()).isNull();
  }

  @Test
  void serverSideApplyCreatesTracksOwnersAndForcesConflicts() {
    ConfigMap applied =
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(configMap("applied", Map.of("a", "1")))
            .fieldManager("operator")
            .serverSideApply();
    assertThat(applied.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .containsExactly(tuple("operator", "Apply"));

    ConfigMap competing = configMap("applied", Map.of("a", "2"));
    assertThatThrownBy(
            () ->
                client
                    .configMaps()
                    .inNamespace(namespace)
                    .resource(competing)
                    .fieldManager("other")
                    .serverSideApply())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getMessage())
                  .isEqualTo("Apply failed with 1 conflict: conflict with \"operator\": .data.a");
              assertThat(e.getStatus().getDetails().getCauses())
                  .extracting(StatusCause::getReason, StatusCause::getField)
                  .containsExactly(tuple("FieldManagerConflict", ".data.a"));
            });

    ConfigMap forced =
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(competing)
            .fieldManager("other")
            .forceConflicts()
            .serverSideApply();
    assertThat(forced.getData()).containsEntry("a", "2");
  }

  @Test
  void serverSideApplyOfADeploymentMergesContainersByName() {
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .addToMatchLabels("app", "web")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("nginx:1.27")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.apps().deployments().resource(deployment).fieldManager("operator").serverSideApply();

    // A second manager adds a sidecar; the first manager's container stays.
    Deployment sidecar =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName("proxy")
            .withImage("envoy:1.31")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Deployment merged =
        client.apps().deployments().resource(sidecar).fieldManager("mesh").serverSideApply();

    assertThat(merged.getSpec().getTemplate().getSpec().getContainers())
        .extracting(Container::getName)
        .containsExactly("web", "proxy");
    assertThat(merged.getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void aStaleUpdateFailsWithConflict() {
    ConfigMap created =
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(configMap("locked", Map.of("a", "1")))
            .create();
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(new ConfigMapBuilder(created).addToData("a", "2").build())
        .update();

    ConfigMap stale = new ConfigMapBuilder(created).addToData("a", "3").build();
    assertThatThrownBy(() -> client.configMaps().inNamespace(namespace).resource(stale).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(client.configMaps().inNamespace(namespace).withName("locked").get().getData())
        .containsEntry("a", "2");
  }

  @Test
  void anInformerListsWatchesAndResyncs() {
    client.configMaps().inNamespace(namespace).resource(configMap("before", Map.of())).create();
    List<String> added = new CopyOnWriteArrayList<>();
    List<String> deleted = new CopyOnWriteArrayList<>();
    AtomicInteger resyncs = new AtomicInteger();
    SharedIndexInformer<ConfigMap> informer =
        client
            .configMaps()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap obj) {
                    added.add(obj.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                    if (oldObj
                        .getMetadata()
                        .getResourceVersion()
                        .equals(newObj.getMetadata().getResourceVersion())) {
                      resyncs.incrementAndGet();
                    }
                  }

                  @Override
                  public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                    deleted.add(obj.getMetadata().getName());
                  }
                },
                500);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> added.contains("before"));
      client.configMaps().inNamespace(namespace).resource(configMap("after", Map.of())).create();
      client.configMaps().inNamespace(namespace).withName("before").delete();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(added).containsExactly("before", "after");
                assertThat(deleted).containsExactly("before");
                assertThat(resyncs.get()).isPositive();
              });
      assertThat(informer.getIndexer().list())
          .extracting(cm -> cm.getMetadata().getName())
          .containsExactly("after");
    } finally {
      informer.close();
    }
  }

  @Test
  void aWatchFromACompactedVersionGetsGone() throws Exception {
    ConfigMap first =
        client.configMaps().inNamespace(namespace).resource(configMap("old", Map.of())).create();
    client.configMaps().inNamespace(namespace).resource(configMap("newer", Map.of())).create();
    long current = lifecycle.storage().currentResourceVersion();
    lifecycle.storage().compact(current).await().atMost(Duration.ofSeconds(10));

    CompletableFuture<Integer> gone = new CompletableFuture<>();
    Watch watch = null;
    try {
      watch =
          client
              .configMaps()
              .inNamespace(namespace)
              .watch(
                  new ListOptionsBuilder()
                      .withResourceVersion(first.getMetadata().getResourceVersion())
                      .build(),
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {}

                    @Override
                    public void onClose(WatcherException cause) {
                      gone.complete(cause.isHttpGone() ? 410 : -1);
                    }
                  });
    } catch (KubernetesClientException e) {
      // Refused before streaming: the HTTP answer to the watch request itself.
      gone.complete(e.getCode());
    }
    try {
      assertThat(gone.get(10, TimeUnit.SECONDS)).isEqualTo(410);
    } finally {
      if (watch != null) {
        watch.close();
      }
    }
  }
}
