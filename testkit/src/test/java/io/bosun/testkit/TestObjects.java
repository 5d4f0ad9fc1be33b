package io.bosun.testkit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.HashMap;
import java.util.Map;

/** Objects the tests create. */
public final class TestObjects {
  private TestObjects() {}

  /** A ConfigMap with {@code labels} and the data {@code v=1}. */
  public static ConfigMap configMap(String namespace, String name, Map<String, String> labels) {
    return configMap(namespace, name, labels, Map.of("v", "1"));
  }

  /** A ConfigMap with {@code labels} and {@code data}. */
  public static ConfigMap configMap(
      String namespace, String name, Map<String, String> labels, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(new HashMap<>(labels))
        .endMetadata()
        .withData(new HashMap<>(data))
        .build();
  }

  /** A Deployment of one replica with two containers, selecting {@code app=<name>}. */
  public static Deployment deployment(String namespace, String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage("nginx:1")
        .endContainer()
        .addNewContainer()
        .withName("sidecar")
        .withImage("busybox:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
