package io.bosun.agent.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.UUID;

/** Pods for tests, bound to node {@link #NODE} in namespace {@code default}. */
public final class Pods {
  /** The node the test runtime runs as. */
  public static final String NODE = "node-1";

  private Pods() {}

  /** A container running {@code sh -c script}. */
  public static Container shell(String name, String script) {
    return new ContainerBuilder()
        .withName(name)
        .withImage("busybox")
        .withCommand("sh", "-c", script)
        .build();
  }

  /** A pod builder with a fresh UID and the given containers. */
  public static PodBuilder pod(String name, Container... containers) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .withUid(UUID.randomUUID().toString())
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withNodeName(NODE)
        .withTerminationGracePeriodSeconds(2L)
        .withContainers(List.of(containers))
        .endSpec();
  }

  /** The pod's UID. */
  public static String uid(Pod pod) {
    return pod.getMetadata().getUid();
  }
}
