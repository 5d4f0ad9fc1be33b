package io.bosun.bench;

import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Origin;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods of one namespace, and those of them bound to a node, counted from a pod informer's
 * events. The benchmark polls these counts every 50 ms; listing the informer instead decoded every
 * pod at each poll, CPU that the benchmark took from the apiserver and controllers it measures on a
 * small machine.
 */
final class PodCounts implements EventHandler<Pod> {
  private final String namespace;
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private final Set<String> bound = ConcurrentHashMap.newKeySet();

  PodCounts(String namespace) {
    this.namespace = namespace;
  }

  /** The pods in the namespace, terminating ones included. */
  int active() {
    return active.size();
  }

  /** The pods in the namespace with a node. */
  int bound() {
    return bound.size();
  }

  @Override
  public void onAdd(Pod pod, Origin origin) {
    put(pod);
  }

  @Override
  public void onUpdate(Pod old, Pod pod, Origin origin) {
    put(pod);
  }

  @Override
  public void onDelete(Pod pod, Origin origin) {
    active.remove(pod.getMetadata().getName());
    bound.remove(pod.getMetadata().getName());
  }

  private void put(Pod pod) {
    if (!namespace.equals(pod.getMetadata().getNamespace())) {
      return;
    }
    String name = pod.getMetadata().getName();
    active.add(name);
    String node = pod.getSpec().getNodeName();
    if (node != null && !node.isEmpty()) {
      bound.add(name);
    } else {
      bound.remove(name);
    }
  }
}
