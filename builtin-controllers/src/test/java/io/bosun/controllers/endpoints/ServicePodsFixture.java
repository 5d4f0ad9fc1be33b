package io.bosun.controllers.endpoints;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The Services and pods the endpoints tests create, and the kubelet's status writes for them. */
final class ServicePodsFixture {
  private static final Duration WRITE = Duration.ofSeconds(10);

  private final KubeClient client;
  private final String namespace;

  ServicePodsFixture(KubeClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** A ClusterIP Service selecting {@code app=<app>}, port 80 named http to {@code targetPort}. */
  Service service(String name, String app, IntOrString targetPort) {
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Map.of("tier", "web"))
            .endMetadata()
            .withNewSpec()
            .withSelector(Map.of("app", app))
            .addNewPort()
            .withName("http")
            .withPort(80)
            .withTargetPort(targetPort)
            .endPort()
            .endSpec()
            .build();
    return client.resources(Service.class).create(service).await().atMost(WRITE);
  }

  /** A pod labelled {@code app=<app>} on node-1, its container offering port {@code web}. */
  Pod pod(String name, String app, int webPort) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Map.of("app", app))
            .endMetadata()
            .withNewSpec()
            .withNodeName("node-1")
            .addNewContainer()
            .withName("main")
            .withImage("registry.example/app:1")
            .addNewPort()
            .withName("web")
            .withContainerPort(webPort)
            .endPort()
            .endContainer()
            .endSpec()
            .build();
    return client.resources(Pod.class).create(pod).await().atMost(WRITE);
  }

  /** Writes the pod's status as a kubelet would: Running at {@code ip}, ready or not. */
  void running(String name, String ip, boolean ready) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String value = ready ? "True" : "False";
    Map<String, Object> status =
        Map.of(
            "status",
            Map.of(
                "phase",
                "Running",
                "podIP",
                ip,
                "podIPs",
                List.of(Map.of("ip", ip)),
                "conditions",
                List.of(
                    Map.of("type", "Ready", "status", value, "lastTransitionTime", now),
                    Map.of(
                        "type", "ContainersReady", "status", value, "lastTransitionTime", now))));
    client
        .resources(Pod.class)
        .patchStatus(namespace, name, Patch.merge(status), new PatchOptions())
        .await()
        .atMost(WRITE);
  }
}
