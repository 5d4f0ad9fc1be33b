package io.bosun.controllers.scheduler;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.events.EventRecorderOptions;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.bosun.controller.source.ResourceEvent;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.Objects;

/**
 * The scheduler: binds each pending pod that names this scheduler (or none) to a node it fits,
 * through the pods' {@code binding} subresource. A pod no node fits gets a FailedScheduling event
 * and a PodScheduled=False condition, and is tried again, after its back-off, when a node is added
 * or changes in a way that may make room, when a pod is placed, changes its labels, finishes or
 * goes away, and at the latest after {@link SchedulerOptions#unschedulableRetry()}.
 *
 * <p>Pods are placed one at a time, as Kubernetes places them, so that each placement counts the
 * ones before it; their bindings are written concurrently, up to {@link #BINDINGS_IN_FLIGHT}. Not
 * done: topology spread constraints, host ports, volumes, preemption.
 */
public final class SchedulerController {
  /** How many reconciles, and so bindings, may be in flight at once. */
  static final int BINDINGS_IN_FLIGHT = 16;

  private SchedulerController() {}

  /**
   * The default scheduler, reporting events as {@value SchedulerOptions#DEFAULT_SCHEDULER_NAME};
   * stopping it writes the event counts not written yet.
   *
   * @see #create(KubeClient, InformerEventSources, EventRecorder, SchedulerOptions, Clock)
   */
  public static Controller create(KubeClient client, InformerEventSources sources, Clock clock) {
    EventRecorder events =
        EventRecorder.create(
            Objects.requireNonNull(client, "client"),
            EventRecorderOptions.builder(SchedulerOptions.DEFAULT_SCHEDULER_NAME).build());
    Controller scheduler = create(client, sources, events, SchedulerOptions.DEFAULTS, clock);
    return new FlushingEvents(scheduler, events);
  }

  /** The scheduler, not yet started; start it with {@code sources} (or give it to a manager). */
  public static Controller create(
      KubeClient client,
      InformerEventSources sources,
      EventRecorder events,
      SchedulerOptions options,
      Clock clock) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(clock, "clock");
    Informer<Pod> pods = sources.informer(Pod.class);
    Informer<Node> nodes = sources.informer(Node.class);
    Informer<Namespace> namespaces = sources.informer(Namespace.class);
    String name = options.schedulerName();
    UnschedulablePods unschedulable =
        new UnschedulablePods(options.initialBackoff(), options.maxBackoff());
    SchedulingCache cache = new SchedulingCache(SchedulingCache.ASSUMED_TTL);
    PodScheduler scheduler =
        new PodScheduler(client, pods, namespaces, cache, unschedulable, events, options, clock);
    Controller controller =
        Controller.forResource(Pod.class)
            .withPredicates(event -> mayNowFit(event, name))
            .<Node>watches(
                Node.class, node -> unschedulable.changed(), SchedulerController::mayMakeRoom)
            .<Pod>watches(
                Pod.class, pod -> unschedulable.changed(), SchedulerController::changesPlacement)
            // Placements still go one at a time (PodScheduler.place): this is for the bindings.
            .withOptions(
                ControllerOptions.builder()
                    .name("scheduler")
                    .maxConcurrentReconciles(BINDINGS_IN_FLIGHT)
                    .build())
            .build(scheduler);
    return new CachedScheduler(controller, cache, nodes, pods);
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

  /**
   * A pending pod that is new, gone, or changed in what decides its fit (spec, labels). The status
   * this scheduler writes itself does not bring the pod back before its back-off.
   */
  static boolean mayNowFit(ResourceEvent<? extends Pod> event, String schedulerName) {
    Pod pod = event.object();
    if (!isPending(pod, schedulerName)) {
      return false;
    }
    if (event.type() != ResourceEvent.Type.UPDATED) {
      return true;
    }
    Pod old = event.previous().orElseThrow();
    return !Objects.equals(old.getSpec(), pod.getSpec())
        || !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels());
  }

  /**
   * A new node, or a change to what decides fit: labels, taints, cordon, allocatable, readiness.
   * Heartbeats that change nothing else do not wake the waiting pods.
   */
  static boolean mayMakeRoom(ResourceEvent<? extends Node> event) {
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

  /**
   * A change to the pods on nodes: one that went away or finished leaves room; one placed, or
   * relabelled, may be the company a pod's affinity waits for, or end an anti-affinity conflict.
   */
  static boolean changesPlacement(ResourceEvent<? extends Pod> event) {
    Pod pod = event.object();
    if (pod.getSpec() == null || isEmpty(pod.getSpec().getNodeName())) {
      return false;
    }
    return switch (event.type()) {
      case DELETED, ADDED -> true;
      case UPDATED -> {
        Pod old = event.previous().orElseThrow();
        yield isEmpty(old.getSpec().getNodeName())
            || isFinished(pod) && !isFinished(old)
            || !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels());
      }
    };
  }

  private static Object allocatable(Node node) {
    return node.getStatus() == null ? null : node.getStatus().getAllocatable();
  }

  static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }
}
