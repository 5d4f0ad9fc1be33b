package io.bosun.controllers;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Registration;
import io.bosun.controllers.pods.PodStates;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Plays the kubelet for pods in one namespace, since no node agent runs in these tests: it writes
 * pod status through the status subresource as a kubelet would, on request or for every new pod.
 */
public final class FakeKubelet implements AutoCloseable {
  private static final Duration WRITE = Duration.ofSeconds(10);

  private final ResourceClient<Pod> pods;
  private final String namespace;
  private Registration registration;

  public FakeKubelet(KubeClient client, String namespace) {
    this.pods = client.resources(Pod.class);
    this.namespace = namespace;
  }

  /** Marks the pod Running and Ready, as of now. */
  public void markReady(Pod pod) {
    markReady(pod.getMetadata().getName());
  }

  /** Marks the pod {@code name} Running and Ready, as of now. */
  public void markReady(String name) {
    patch(name, readyStatus(true)).await().atMost(WRITE);
  }

  /** Marks the pod Running but not Ready. */
  public void markNotReady(String name) {
    patch(name, readyStatus(false)).await().atMost(WRITE);
  }

  /** From now on, marks every pod of the namespace that the informer shows not ready as Ready. */
  public FakeKubelet readyEveryPod(Informer<Pod> informer) {
    registration =
        informer.addHandler(
            EventHandler.onChange(
                (pod, origin) -> {
                  if (namespace.equals(pod.getMetadata().getNamespace())
                      && PodStates.isActive(pod)
                      && !PodStates.isReady(pod)) {
                    patch(pod.getMetadata().getName(), readyStatus(true))
                        .subscribe()
                        .with(ok -> {}, failure -> {});
                  }
                }));
    return this;
  }

  private io.smallrye.mutiny.Uni<Pod> patch(String name, Map<String, Object> status) {
    return pods.patchStatus(namespace, name, Patch.merge(status), new PatchOptions())
        .onFailure(NotFoundException.class)
        .recoverWithNull();
  }

  private static Map<String, Object> readyStatus(boolean ready) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String value = ready ? "True" : "False";
    return Map.of(
        "status",
        Map.of(
            "phase",
            "Running",
            "conditions",
            List.of(
                Map.of("type", "Ready", "status", value, "lastTransitionTime", now),
                Map.of("type", "ContainersReady", "status", value, "lastTransitionTime", now))));
  }

  @Override
  public void close() {
    if (registration != null) {
      registration.remove();
    }
  }
}
