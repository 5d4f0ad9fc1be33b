package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.SchedulerHarness.WAIT;
import static org.awaitility.Awaitility.await;

import io.bosun.controller.client.KubeClient;
import io.bosun.testkit.Await;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Optional;

/** What the scheduling tests wait for: a pod's node, its PodScheduled condition, its events. */
final class SchedulerPods {
  private SchedulerPods() {}

  /** Waits until the pod is bound and returns its node. */
  static String boundNode(KubeClient client, TestNamespace ns, String pod) {
    return Await.object(
            client.resources(Pod.class),
            ns.name(),
            pod,
            p -> p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty(),
            WAIT)
        .getSpec()
        .getNodeName();
  }

  /** Waits until the pod is PodScheduled=False, Unschedulable, with {@code message}. */
  static PodCondition unschedulable(
      KubeClient client, TestNamespace ns, String pod, String message) {
    Pod found =
        Await.object(
            client.resources(Pod.class),
            ns.name(),
            pod,
            p -> condition(p).filter(c -> message.equals(c.getMessage())).isPresent(),
            WAIT);
    PodCondition condition = condition(found).orElseThrow();
    if (!"False".equals(condition.getStatus()) || !"Unschedulable".equals(condition.getReason())) {
      throw new AssertionError("PodScheduled of " + pod + " is " + condition);
    }
    if (found.getSpec().getNodeName() != null && !found.getSpec().getNodeName().isEmpty()) {
      throw new AssertionError(pod + " is bound to " + found.getSpec().getNodeName());
    }
    return condition;
  }

  /** Waits for the pod's FailedScheduling event. */
  static Event failedScheduling(KubeClient client, TestNamespace ns, String pod) {
    return event(client, ns, pod, "FailedScheduling");
  }

  /** Waits for the pod's event with {@code reason}. */
  static Event event(KubeClient client, TestNamespace ns, String pod, String reason) {
    return await()
        .atMost(WAIT)
        .until(() -> recorded(client, ns, pod, reason), Optional::isPresent)
        .orElseThrow();
  }

  private static Optional<Event> recorded(
      KubeClient client, TestNamespace ns, String pod, String reason) {
    return client.resources(Event.class).list(ns.name()).await().atMost(WAIT).items().stream()
        .filter(e -> reason.equals(e.getReason()))
        .filter(e -> pod.equals(e.getInvolvedObject().getName()))
        .findFirst();
  }

  private static Optional<PodCondition> condition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()))
        .findFirst();
  }
}
