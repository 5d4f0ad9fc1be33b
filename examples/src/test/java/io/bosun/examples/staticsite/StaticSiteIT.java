package io.bosun.examples.staticsite;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.runtime.Controller;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The StaticSite operator against a real apiserver, in a namespace of its own per test. */
@BosunTest
class StaticSiteIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private SharedInformers informers;
  private Controller controller;

  @BeforeEach
  void startOperator(KubeClient client, TestNamespace ns) throws InterruptedException {
    // The CRD is cluster-scoped: the first test creates it, the others apply it unchanged.
    StaticSiteOperator.installCrd(client);
    informers = SharedInformers.create(client);
    InformerEventSources sources =
        InformerEventSources.of(informers, InformerOptions.inNamespace(ns.name()));
    controller = StaticSiteOperator.controller(client, sources);
    controller.start(sources);
  }

  @AfterEach
  void stopOperator() {
    controller.stop().await().atMost(WAIT);
    informers.close();
  }

  @Test
  void createsContentDeploymentAndServiceOwnedByTheSite(KubeClient client, TestNamespace ns) {
    StaticSite site = createSite(client, ns, "hello", 2, "<h1>Hello</h1>");

    ConfigMap content =
        Await.object(client.resources(ConfigMap.class), ns.name(), "hello", cm -> true, WAIT);
    assertThat(content.getData()).containsEntry("index.html", "<h1>Hello</h1>");
    Deployment deployment =
        Await.object(client.resources(Deployment.class), ns.name(), "hello", d -> true, WAIT);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getImage()).isEqualTo(SiteObjects.IMAGE);
    assertThat(pod.getContainers().get(0).getVolumeMounts().get(0).getName()).isEqualTo("content");
    assertThat(pod.getVolumes().get(0).getConfigMap().getName()).isEqualTo("hello");
    Service service =
        Await.object(client.resources(Service.class), ns.name(), "hello", s -> true, WAIT);
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

    for (HasMetadata child : new HasMetadata[] {content, deployment, service}) {
      OwnerReference owner = child.getMetadata().getOwnerReferences().get(0);
      assertThat(owner.getKind()).isEqualTo("StaticSite");
      assertThat(owner.getUid()).isEqualTo(site.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
    }
  }

  @Test
  void reportsReadinessFromTheDeployment(KubeClient client, TestNamespace ns) {
    createSite(client, ns, "ready", 2, "<p>ready</p>");
    ResourceClient<StaticSite> sites = client.resources(StaticSite.class);
    StaticSite.Status waiting =
        Await.object(sites, ns.name(), "ready", s -> s.getStatus() != null, WAIT).getStatus();
    assertThat(waiting.ready()).isFalse();
    assertThat(waiting.readyReplicas()).isZero();
    assertThat(waiting.url()).isEqualTo("http://ready." + ns.name() + ".svc.cluster.local/");

    // The test kit runs no Deployment controller: report two ready pods as it would.
    client
        .resources(Deployment.class)
        .patchStatus(
            ns.name(),
            "ready",
            Patch.merge(Map.of("status", Map.of("replicas", 2, "readyReplicas", 2))),
            new PatchOptions())
        .await()
        .atMost(WAIT);

    StaticSite ready = Await.object(sites, ns.name(), "ready", s -> s.getStatus().ready(), WAIT);
    assertThat(ready.getStatus().readyReplicas()).isEqualTo(2);
  }

  @Test
  void followsChangesToReplicasAndContent(KubeClient client, TestNamespace ns) {
    createSite(client, ns, "changing", 1, "v1");
    Await.object(client.resources(ConfigMap.class), ns.name(), "changing", cm -> true, WAIT);

    client
        .resources(StaticSite.class)
        .patch(
            ns.name(),
            "changing",
            Patch.merge(Map.of("spec", Map.of("replicas", 3, "content", "v2"))))
        .await()
        .atMost(WAIT);

    Await.object(
        client.resources(ConfigMap.class),
        ns.name(),
        "changing",
        cm -> "v2".equals(cm.getData().get("index.html")),
        WAIT);
    Await.object(
        client.resources(Deployment.class),
        ns.name(),
        "changing",
        d -> d.getSpec().getReplicas() == 3,
        WAIT);
  }

  @Test
  void restoresAChildChangedByHand(KubeClient client, TestNamespace ns) {
    createSite(client, ns, "guarded", 1, "original");
    Await.object(client.resources(ConfigMap.class), ns.name(), "guarded", cm -> true, WAIT);

    defaceAndAwaitRestored(client, ns, "guarded", "original");
  }

  @Test
  void changesNothingOnceConvergedAndLeavesOthersFieldsAlone(KubeClient client, TestNamespace ns) {
    createSite(client, ns, "steady", 1, "steady");
    ResourceClient<StaticSite> sites = client.resources(StaticSite.class);
    ResourceClient<Service> services = client.resources(Service.class);
    Await.object(sites, ns.name(), "steady", s -> s.getStatus() != null, WAIT);
    String siteVersion = resourceVersion(sites, ns, "steady");
    Deployment deployment =
        client.resources(Deployment.class).get(ns.name(), "steady").await().atMost(WAIT);

    // Someone else annotates the Service: the site is reconciled again (it owns the Service).
    services
        .patch(ns.name(), "steady", Patch.merge(Map.of("metadata", annotation("team", "web"))))
        .await()
        .atMost(WAIT);
    // Then defaces the content: once it is restored, the reconcile before has finished too.
    defaceAndAwaitRestored(client, ns, "steady", "steady");

    assertThat(resourceVersion(sites, ns, "steady")).isEqualTo(siteVersion);
    // The generation, not the resourceVersion: Bosun's apiserver still gives a Deployment a new
    // resourceVersion on an apply that changes nothing (Kubernetes writes nothing then).
    Deployment after =
        client.resources(Deployment.class).get(ns.name(), "steady").await().atMost(WAIT);
    assertThat(after.getMetadata().getGeneration())
        .isEqualTo(deployment.getMetadata().getGeneration());
    assertThat(after.getSpec()).isEqualTo(deployment.getSpec());
    assertThat(
            services.get(ns.name(), "steady").await().atMost(WAIT).getMetadata().getAnnotations())
        .containsEntry("team", "web");
  }

  /** Overwrites the site's content by hand, and waits until the operator puts it back. */
  private static void defaceAndAwaitRestored(
      KubeClient client, TestNamespace ns, String name, String content) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    configMaps
        .patch(ns.name(), name, Patch.merge(Map.of("data", Map.of("index.html", "defaced"))))
        .await()
        .atMost(WAIT);
    Await.object(
        configMaps, ns.name(), name, cm -> content.equals(cm.getData().get("index.html")), WAIT);
  }

  private static Map<String, Object> annotation(String key, String value) {
    return Map.of("annotations", Map.of(key, value));
  }

  private static <T extends HasMetadata> String resourceVersion(
      ResourceClient<T> client, TestNamespace ns, String name) {
    return client.get(ns.name(), name).await().atMost(WAIT).getMetadata().getResourceVersion();
  }

  private static StaticSite createSite(
      KubeClient client, TestNamespace ns, String name, int replicas, String content) {
    StaticSite site = new StaticSite();
    site.getMetadata().setName(name);
    site.getMetadata().setNamespace(ns.name());
    site.setSpec(new StaticSite.Spec(replicas, content));
    return client.resources(StaticSite.class).create(site).await().atMost(WAIT);
  }
}
