package io.bosun.examples.staticsite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.predicate.EventPredicate;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.source.ResourceEvent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PatchOptionsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The StaticSite operator: applies the CRD, then reconciles every StaticSite in the cluster until
 * stopped. The cluster is the one {@code KUBECONFIG} (or {@code ~/.kube/config}) names.
 */
public final class StaticSiteOperator {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ResourceDescriptor<ObjectNode> CRDS =
      ResourceDescriptor.untyped(
          "apiextensions.k8s.io/v1",
          "CustomResourceDefinition",
          "customresourcedefinitions",
          false);

  private StaticSiteOperator() {}

  public static void main(String[] args) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    try (KubeClient client = KubeClient.create(ClusterConfig.load());
        SharedInformers informers = SharedInformers.create(client)) {
      installCrd(client);
      InformerEventSources sources = InformerEventSources.of(informers);
      Controller controller = controller(client, sources);
      controller.start(sources);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.println("StaticSite operator running against " + client.config().server());
      stopped.await();
      controller.stop().await().atMost(TIMEOUT);
    }
  }

  /**
   * The operator's controller: StaticSites, and the children they own. A Deployment matters to its
   * site when someone changed its spec or its readiness changed, not on every status heartbeat.
   */
  public static Controller controller(KubeClient client, InformerEventSources sources) {
    return Controller.forResource(StaticSite.class)
        .owns(ConfigMap.class)
        .owns(Service.class)
        .owns(
            Deployment.class,
            EventPredicate.<Deployment>generationChanged().or(StaticSiteOperator::readinessChanged))
        .build(new StaticSiteReconciler(client, sources.informer(StaticSite.class)));
  }

  private static boolean readinessChanged(ResourceEvent<? extends Deployment> event) {
    int now = SiteObjects.readyReplicas(event.object());
    return event.previous().map(old -> SiteObjects.readyReplicas(old) != now).orElse(true);
  }

  /** Applies the StaticSite CRD and waits until the server serves StaticSites. */
  public static void installCrd(KubeClient client) throws InterruptedException {
    ObjectNode crd = readCrd();
    client
        .resources(CRDS)
        .patch(
            null,
            crd.path("metadata").path("name").asText(),
            Patch.apply(crd),
            new PatchOptionsBuilder()
                .withFieldManager(StaticSiteReconciler.FIELD_MANAGER)
                .withForce(true)
                .build())
        .await()
        .atMost(TIMEOUT);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        client.resources(StaticSite.class).list(null).await().atMost(TIMEOUT);
        return;
      } catch (NotFoundException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static ObjectNode readCrd() {
    try (InputStream in = StaticSiteOperator.class.getResourceAsStream("static-site-crd.yaml")) {
      return (ObjectNode) new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
