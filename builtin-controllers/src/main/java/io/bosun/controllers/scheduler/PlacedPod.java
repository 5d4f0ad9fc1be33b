package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What placement needs to know of a pod on a node, worked out once when the pod arrives on the node
 * instead of at every placement: its requests, and a slim copy holding only what the filters and
 * scores read (namespace, name, labels, owners, affinity), so that the cache keeps little per pod.
 *
 * @param key {@code namespace/name}
 * @param pod the slim copy
 * @param requests the pod's effective requests ({@link Resources#requests})
 * @param nonZeroRequests its cpu and memory as scoring counts them
 * @param controllerUid the uid of its controlling owner; null when it has none
 * @param hasAffinity whether it declares pod affinity or anti-affinity
 */
record PlacedPod(
    String key,
    Pod pod,
    Map<String, BigDecimal> requests,
    Map<String, BigDecimal> nonZeroRequests,
    String controllerUid,
    boolean hasAffinity) {

  static PlacedPod of(Pod pod) {
    Pod slim =
        new PodBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid())
                    .withLabels(pod.getMetadata().getLabels())
                    .withOwnerReferences(pod.getMetadata().getOwnerReferences())
                    .build())
            .withSpec(
                new PodSpecBuilder()
                    .withNodeName(pod.getSpec().getNodeName())
                    .withAffinity(pod.getSpec().getAffinity())
                    .build())
            .build();
    return new PlacedPod(
        key(pod),
        slim,
        Map.copyOf(Resources.requests(pod)),
        Resources.nonZeroRequests(pod),
        Scores.controllerUid(pod).orElse(null),
        AffinityTerm.hasAny(pod));
  }

  static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
