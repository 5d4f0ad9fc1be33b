package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fabric8 client against custom resources, as an operator uses it: a definition created and
 * awaited, {@code GenericKubernetesResource} CRUD and watch, and a typed {@code CustomResource}
 * whose status is written through the status subresource.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@Timeout(60)
class Fabric8CustomResourceIT {
  private static final String GROUP = "fabric8.example.com";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  KubernetesClient client;
  String namespace;

  /** The typed spec of a widget. */
  public static class WidgetSpec {
    public String color;
    public Integer replicas;
    public Integer maxReplicas;
    public String size;
  }

  /** The typed status of a widget. */
  public static class WidgetStatus {
    public String phase;
    public Integer replicas;
  }

  /** A widget as an operator's typed class. */
  @Group(GROUP)
  @Version("v1")
  @Kind("Widget")
  @Plural("widgets")
  public static class Widget extends CustomResource<WidgetSpec, WidgetStatus>
      implements Namespaced {}

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
    namespace = "fabric8-cr-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    if (client.apiextensions().v1().customResourceDefinitions().withName("widgets." + GROUP).get()
        == null) {
      CustomResourceDefinition crd =
          client
              .getKubernetesSerialization()
              .unmarshal(
                  Crds.widgets(GROUP, "widgets", "Widget", "fw", "fabric"),
                  CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
    awaitEstablished("widgets." + GROUP);
  }

  private void awaitEstablished(String name) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(name)
        .waitUntilCondition(
            crd ->
                crd.getStatus() != null
                    && crd.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> c.getType().equals("Established") && c.getStatus().equals("True")),
            10,
            TimeUnit.SECONDS);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private GenericKubernetesResource generic(String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(GROUP + "/v1")
        .withKind("Widget")
        .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build())
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  @Test
  void genericResourcesAreCreatedReadUpdatedAndDeleted() {
    var widgets = client.genericKubernetesResources(GROUP + "/v1", "Widget").inNamespace(namespace);

    GenericKubernetesResource created =
        widgets.resource(generic("generic", Map.of("color", "red"))).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.<Integer>get("spec", "replicas")).isEqualTo(1);

    GenericKubernetesResource edited =
        widgets
            .withName("generic")
            .edit(
                w -> {
                  w.<Map<String, Object>>get("spec").put("color", "blue");
                  return w;
                });
    assertThat(edited.<String>get("spec", "color")).isEqualTo("blue");
    assertThat(edited.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(widgets.list().getItems())
        .extracting(w -> w.getMetadata().getName())
        .containsExactly("generic");

    assertThatThrownBy(
            () -> widgets.resource(generic("invalid", Map.of("color", "purple"))).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getDetails().getCauses())
                  .extracting(c -> c.getField())
                  .containsExactly("spec.color");
            });

    assertThat(widgets.withName("generic").delete()).hasSize(1);
    assertThat(widgets.withName("generic").get()).isNull();
  }

  @Test
  void aDefinitionSeenEstablishedIsAlreadyInDiscovery() {
    for (int i = 0; i < 5; i++) {
      String group = "established-" + i + "." + namespace + ".example.com";
      CustomResourceDefinition crd =
          client
              .getKubernetesSerialization()
              .unmarshal(
                  Crds.widgets(group, "widgets", "Widget", "we" + i, "established"),
                  CustomResourceDefinition.class);
      var definitions = client.apiextensions().v1().customResourceDefinitions();
      definitions.resource(crd).create();
      awaitEstablished("widgets." + group);

      assertThat(client.getApiResources(group + "/v1"))
          .as("discovery of %s right after Established", group)
          .isNotNull()
          .satisfies(
              list ->
                  assertThat(list.getResources()).extracting(r -> r.getName()).contains("widgets"));
      definitions.withName("widgets." + group).delete();
    }
  }

  @Test
  void aWatchOnGenericResourcesSeesEveryChange() throws Exception {
    var widgets = client.genericKubernetesResources(GROUP + "/v1", "Widget").inNamespace(namespace);
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch watch =
        widgets.watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, GenericKubernetesResource resource) {
                events.add(action + " " + resource.getMetadata().getName());
              }

              @Override
              public void onClose(WatcherException cause) {}
            })) {
      widgets.resource(generic("watched", Map.of("color", "red"))).create();
      widgets
          .withName("watched")
          .edit(
              w -> {
                w.<Map<String, Object>>get("spec").put("color", "green");
                return w;
              });
      widgets.withName("watched").delete();

      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 3);
      assertThat(events).containsExactly("ADDED watched", "MODIFIED watched", "DELETED watched");
    }
  }

  @Test
  void aTypedCustomResourceWritesItsStatusThroughTheStatusSubresource() {
    MixedOperation<Widget, ?, Resource<Widget>> widgets = client.resources(Widget.class);
    Widget widget = new Widget();
    widget.setMetadata(new ObjectMetaBuilder().withName("typed").withNamespace(namespace).build());
    widget.setSpec(new WidgetSpec());
    widget.getSpec().color = "green";
    widget.setStatus(new WidgetStatus());
    widget.getStatus().phase = "ignored on create";

    Widget created = widgets.inNamespace(namespace).resource(widget).create();
    assertThat(created.getStatus()).isNull();
    assertThat(created.getSpec().size).isEqualTo("medium");

    created.setStatus(new WidgetStatus());
    created.getStatus().phase = "Ready";
    created.getStatus().replicas = 1;
    Widget statused = widgets.inNamespace(namespace).resource(created).updateStatus();
    assertThat(statused.getStatus().phase).isEqualTo("Ready");
    assertThat(statused.getMetadata().getGeneration()).isEqualTo(1);

    statused.getSpec().replicas = 2;
    statused.getStatus().phase = "overwritten by a main update?";
    Widget updated = widgets.inNamespace(namespace).resource(statused).update();
    assertThat(updated.getSpec().replicas).isEqualTo(2);
    assertThat(updated.getStatus().phase).isEqualTo("Ready");
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2);

    Widget read = widgets.inNamespace(namespace).withName("typed").get();
    assertThat(read.getStatus().replicas).isEqualTo(1);
    assertThat(read.getSpec().maxReplicas).isEqualTo(10);
  }

  @Test
  void serverSideApplyOnACustomResourceTracksOwnersAndConflicts() {
    var widgets = client.genericKubernetesResources(GROUP + "/v1", "Widget").inNamespace(namespace);
    GenericKubernetesResource created =
        widgets
            .resource(generic("applied", Map.of("color", "blue", "replicas", 3)))
            .fieldManager("alice")
            .serverSideApply();
    assertThat(spec(created)).containsEntry("color", "blue").containsEntry("replicas", 3);
    assertThat(created.getMetadata().getManagedFields())
        .anySatisfy(
            f -> {
              assertThat(f.getManager()).isEqualTo("alice");
              assertThat(f.getOperation()).isEqualTo("Apply");
            });

    GenericKubernetesResource bob = generic("applied", Map.of("color", "red"));
    assertThatThrownBy(() -> widgets.resource(bob).fieldManager("bob").serverSideApply())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getMessage())
                  .contains("conflict with \"alice\"")
                  .contains(".spec.color");
            });
    GenericKubernetesResource forced =
        widgets.resource(bob).fieldManager("bob").forceConflicts().serverSideApply();
    assertThat(spec(forced)).containsEntry("color", "red").containsEntry("replicas", 3);

    // alice stops applying replicas: nobody else owns it, so it goes and the default returns.
    GenericKubernetesResource pruned =
        widgets.resource(generic("applied", Map.of())).fieldManager("alice").serverSideApply();
    assertThat(spec(pruned)).containsEntry("color", "red").containsEntry("replicas", 1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }
}
