package io.bosun.controllers.scheduler;

import io.bosun.controller.informer.Informer;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pods this scheduler has bound, or is binding, that the pod cache does not yet show on their node.
 * Counting them keeps the next placement from using room that is already taken, as Kubernetes'
 * scheduler "assumes" a pod until its informer catches up.
 */
final class AssumedPods {
  private final Map<String, Pod> byKey = new ConcurrentHashMap<>();

  /** Records that {@code pod} goes to {@code node}. */
  void assume(Pod pod, String node) {
    pod.getSpec().setNodeName(node);
    byKey.put(key(pod), pod);
  }

  /** Forgets a pod whose binding failed. */
  void forget(Pod pod) {
    byKey.remove(key(pod));
  }

  boolean contains(String namespace, String name) {
    return byKey.containsKey(namespace + "/" + name);
  }

  /** Forgets the pods the cache now shows bound, or no longer has. */
  void prune(Informer<Pod> pods) {
    byKey
        .values()
        .removeIf(
            pod ->
                pods.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
                    .map(cached -> !isEmpty(cached.getSpec().getNodeName()))
                    .orElse(true));
  }

  /** The assumed pods on {@code node}. */
  List<Pod> on(String node) {
    return byKey.values().stream().filter(p -> node.equals(p.getSpec().getNodeName())).toList();
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }
}
