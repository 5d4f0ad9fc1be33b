package io.bosun.controllers.scheduler;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.bosun.controller.source.ResourceEvent;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scheduler: binds each pending pod that names this scheduler (or none) to a node it fits,
 * through the pods' {@code binding} subresource. A pod no node fits gets a FailedScheduling event
 * and a PodScheduled=False condition, and is tried again when a node is added or changes in a way
 * that may make room, when a bound pod goes away or finishes, and at the latest after {@link
 * SchedulerOptions#unschedulableRetry()}.
 *
 * <p>Pods are placed one at a time, as Kubernetes places them, so that each placement counts the
 * ones before it. Not yet done: inter-pod affinity and anti-affinity, topology spread constraints,
 * host ports, volumes and preemption.
 */
public final class SchedulerController {
  /** The pod index by the node a pod is bound to (unfinished pods only). */
  static final String NODE_INDEX = "scheduler.bosun.io/node";

  /** The pod index of pods waiting for a node, all under {@link #PENDING}. */
  static final String PENDING_INDEX = "scheduler.bosun.io/pending";

  private static final String PENDING = "pending";

  private SchedulerController() {}

  /**
   * The scheduler, not yet started; start it with {@code sources} (or give it to a manager). It
   * adds two pod indexes to {@code sources}' pod informer, so one {@code sources} serves one
   * scheduler.
   *
   * @throws IllegalArgumentException if {@code sources}' pod informer already has the indexes
   */
  public static Controller create(
      KubeClient client,
      InformerEventSources sources,
      EventRecorder events,
      SchedulerOptions options) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(options, "options");
    Informer<Pod> pods = sources.informer(Pod.class);
    Informer<Node> nodes = sources.informer(Node.class);
    pods.addIndexer(NODE_INDEX, SchedulerController::boundNode);
    String name = options.schedulerName();
    pods.addIndexer(PENDING_INDEX, pod -> isPending(pod, name) ? List.of(PENDING) : List.of());
    PodScheduler scheduler =
        new PodScheduler(client, pods, nodes, events, options, Clock.systemUTC());
    return Controller.forResource(Pod.class)
        .withPredicates(event -> isPending(event.object(), name))
        .<Node>watches(Node.class, node -> pending(pods), SchedulerController::mayMakeRoom)
        .<Pod>watches(Pod.class, pod -> pending(pods), SchedulerController::freesRoom)
        // One at a time: each placement must see the room the previous one took.
        .withOptions(
            ControllerOptions.builder().name("scheduler").maxConcurrentReconciles(1).build())
        .build(scheduler);
  }

  /** Whether the pod waits for this scheduler to give it a node. */
  static boolean isPending(Pod pod, String schedulerName) {
    if (pod.getSpec() == null
        || !isEmpty(pod.getSpec().getNodeName())
        || pod.getMetadata().getDeletionTimestamp() != null
        || isFinished(pod)) {
      return false;
    }
    String wanted = pod.getSpec().getSchedulerName();
    return isEmpty(wanted)
        ? SchedulerOptions.DEFAULT_SCHEDULER_NAME.equals(schedulerName)
        : wanted.equals(schedulerName);
  }

  private static List<String> boundNode(Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return isEmpty(node) || isFinished(pod) ? List.of() : List.of(node);
  }

  private static Set<Request> pending(Informer<Pod> pods) {
    return pods.byIndex(PENDING_INDEX, PENDING).stream()
        .map(p -> Request.of(p.getMetadata().getNamespace(), p.getMetadata().getName()))
        .collect(Collectors.toSet());
  }

  /**
   * A new node, or a change to what decides fit: labels, taints, cordon, allocatable, readiness.
   * Heartbeats that change nothing else do not wake every pending pod.
   */
  private static boolean mayMakeRoom(ResourceEvent<? extends Node> event) {
    return switch (event.type()) {
      case ADDED -> true;
      case DELETED -> false;
      case UPDATED -> {
        Node old = event.previous().orElseThrow();
        Node now = event.object();
        yield !Objects.equals(old.getMetadata().getLabels(), now.getMetadata().getLabels())
            || !Objects.equals(old.getSpec(), now.getSpec())
            || !Objects.equals(allocatable(old), allocatable(now))
            || Taints.ready(old) != Taints.ready(now);
      }
    };
  }

  /** A bound pod that went away or finished leaves room on its node. */
  private static boolean freesRoom(ResourceEvent<? extends Pod> event) {
    Pod pod = event.object();
    if (pod.getSpec() == null || isEmpty(pod.getSpec().getNodeName())) {
      return false;
    }
    return switch (event.type()) {
      case DELETED -> true;
      case ADDED -> false;
      case UPDATED -> isFinished(pod) && !isFinished(event.previous().orElseThrow());
    };
  }

  private static Object allocatable(Node node) {
    return node.getStatus() == null ? null : node.getStatus().getAllocatable();
  }

  private static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }
}
