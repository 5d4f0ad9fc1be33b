package io.bosun.testkit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
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
}
