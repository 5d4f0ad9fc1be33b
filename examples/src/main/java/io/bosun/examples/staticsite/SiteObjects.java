package io.bosun.examples.staticsite;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Map;

/** The objects a {@link StaticSite} is made of, as the operator wants them. */
final class SiteObjects {
  /** The web server: Python's, serving the directory the ConfigMap is mounted at. */
  static final String IMAGE = "python:3.12";

  static final int PORT = 8080;
  private static final String INDEX = "index.html";
  private static final String ROOT = "/srv/www";

  private SiteObjects() {}

  /** Holds the site's content as {@code index.html}. */
  static ConfigMap configMap(StaticSite site) {
    return new ConfigMapBuilder()
        .withMetadata(childMetadata(site))
        .withData(Map.of(INDEX, site.getSpec().content()))
        .build();
  }

  /** Runs the web servers, each serving the ConfigMap's files. */
  static Deployment deployment(StaticSite site) {
    String name = site.getMetadata().getName();
    return new DeploymentBuilder()
        .withMetadata(childMetadata(site))
        .withNewSpec()
        .withReplicas(site.getSpec().replicas())
        .withNewSelector()
        .withMatchLabels(selector(site))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(selector(site))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage(IMAGE)
        .withCommand("python3", "-m", "http.server", Integer.toString(PORT), "--directory", ROOT)
        .addNewPort()
        .withName("http")
        .withContainerPort(PORT)
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/")
        .withPort(new IntOrString(PORT))
        .endHttpGet()
        .endReadinessProbe()
        .addNewVolumeMount()
        .withName("content")
        .withMountPath(ROOT)
        .withReadOnly(true)
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("content")
        .withNewConfigMap()
        .withName(name)
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Sends port 80 of the site's name to the web servers. */
  static Service service(StaticSite site) {
    return new ServiceBuilder()
        .withMetadata(childMetadata(site))
        .withNewSpec()
        .withSelector(selector(site))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .endSpec()
        .build();
  }

  /** The site's status, given its Deployment as the server last returned it. */
  static StaticSite.Status status(StaticSite site, Deployment deployment) {
    int wanted = site.getSpec().replicas();
    Integer ready =
        deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
    int readyReplicas = ready == null ? 0 : ready;
    ObjectMeta meta = site.getMetadata();
    String url = "http://" + meta.getName() + "." + meta.getNamespace() + ".svc.cluster.local/";
    return new StaticSite.Status(wanted, readyReplicas, readyReplicas >= wanted, url);
  }

  /** The Deployment's ready pods, as its controller reports them. */
  static int readyReplicas(Deployment deployment) {
    DeploymentStatus status = deployment.getStatus();
    return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
  }

  /** Same name and namespace as the site, and the site as controlling owner. */
  private static ObjectMeta childMetadata(StaticSite site) {
    ObjectMeta meta = site.getMetadata();
    return new ObjectMetaBuilder()
        .withName(meta.getName())
        .withNamespace(meta.getNamespace())
        .withLabels(selector(site))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(site.getApiVersion())
                .withKind(site.getKind())
                .withName(meta.getName())
                .withUid(meta.getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .build();
  }

  private static Map<String, String> selector(StaticSite site) {
    return Map.of(
        "app.kubernetes.io/name",
        "static-site",
        "app.kubernetes.io/instance",
        site.getMetadata().getName());
  }
}
