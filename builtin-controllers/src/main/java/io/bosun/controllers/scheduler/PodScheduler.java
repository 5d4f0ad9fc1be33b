package io.bosun.controllers.scheduler;

import io.bosun.controller.client.ConflictException;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Places one pending pod: filters the nodes it fits, scores them, and binds it to the best; or,
 * when none fits, says why in a FailedScheduling event and the pod's PodScheduled condition.
 */
final class PodScheduler implements Reconciler {
  private final KubeClient client;
  private final Informer<Pod> pods;
  private final Informer<Namespace> namespaces;
  private final UnschedulablePods unschedulable;
  private final EventRecorder events;
  private final SchedulerOptions options;
  private final Clock clock;
  private final SchedulingCache cache;

  PodScheduler(
      KubeClient client,
      Informer<Pod> pods,
      Informer<Namespace> namespaces,
      SchedulingCache cache,
      UnschedulablePods unschedulable,
      EventRecorder events,
      SchedulerOptions options,
      Clock clock) {
    this.client = client;
    this.pods = pods;
    this.namespaces = namespaces;
    this.cache = cache;
    this.unschedulable = unschedulable;
    this.events = events;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    Optional<Pod> cached = pods.get(request.namespace(), request.name());
    if (cached.isEmpty()
        || !SchedulerController.isPending(cached.get(), options.schedulerName())
        || cache.isPlaced(request.namespace(), request.name())) {
      unschedulable.forget(request);
      return Uni.createFrom().item(Result.done());
    }
    Optional<Duration> backingOff = unschedulable.waitLeft(request, clock.instant());
    if (backingOff.isPresent()) {
      return Uni.createFrom().item(Result.requeueAfter(backingOff.get()));
    }
    Pod pod = cached.get();
    long changesBefore = unschedulable.changes();
    Placement placement = place(pod);
    if (placement == Placement.ALREADY_PLACED) {
      unschedulable.forget(request);
      return Uni.createFrom().item(Result.done());
    }
    if (placement.node() == null) {
      Duration backoff = unschedulable.failed(request, clock.instant());
      // Room held by a binding still in flight may come back if that binding fails, and no event
      // would say so; a change during the attempt woke nothing, since the pod was not recorded
      // yet. Either way, try again after the back-off rather than wait for the next change.
      boolean mayHaveMissed =
          placement.bindingsInFlight() || unschedulable.changes() != changesBefore;
      Duration retry = mayHaveMissed ? backoff : options.unschedulableRetry();
      return unschedulable(pod, placement.failure(), Result.requeueAfter(retry));
    }
    unschedulable.forget(request);
    return bind(pod, placement.node());
  }

  /**
   * The node a pod goes to, where it is assumed already; or, when none fits, why, and whether other
   * pods' bindings were in flight then; or {@link #ALREADY_PLACED}.
   */
  private record Placement(String node, String failure, boolean bindingsInFlight) {
    /** The pod was bound, or is being bound, since it was read. */
    static final Placement ALREADY_PLACED = new Placement(null, null, false);
  }

  /**
   * Chooses the pod's node and assumes it there. Placements run one at a time, each seeing the pods
   * the ones before it assumed, while the bindings that follow run concurrently: Kubernetes'
   * scheduling and binding cycles. Waiting for each binding's round trip before the next placement
   * would cap the scheduler at one pod per apiserver write latency.
   */
  private synchronized Placement place(Pod pod) {
    List<NodeInfo> all = cache.snapshot(clock.instant());
    Function<String, Map<String, String>> namespaceLabels = namespaceLabels();
    PodAffinity podAffinity = PodAffinity.of(pod, all, namespaceLabels);
    FitError error = new FitError(all.size());
    List<NodeInfo> feasible = new ArrayList<>();
    for (NodeInfo info : all) {
      List<String> reasons = Filters.reasons(pod, info, podAffinity);
      if (reasons.isEmpty()) {
        feasible.add(info);
      } else {
        error.add(reasons);
      }
    }
    if (feasible.isEmpty()) {
      if (cache.isPlaced(pod.getMetadata().getNamespace(), pod.getMetadata().getName())) {
        // Bound since it was read: the snapshot counted the pod on its own node, so no failure.
        return Placement.ALREADY_PLACED;
      }
      return new Placement(null, error.message(), cache.bindingsInFlight());
    }
    Map<String, Long> affinityScores = PodAffinityScores.raw(pod, all, feasible, namespaceLabels);
    String node = Scores.best(pod, feasible, affinityScores).name();
    if (!cache.assume(pod, node)) {
      return Placement.ALREADY_PLACED;
    }
    return new Placement(node, null, false);
  }

  /** The labels of each namespace, looked up in the cache once per placement. */
  private Function<String, Map<String, String>> namespaceLabels() {
    Map<String, Map<String, String>> seen = new HashMap<>();
    return name ->
        seen.computeIfAbsent(
            name,
            n ->
                namespaces
                    .get(null, n)
                    .map(ns -> ns.getMetadata().getLabels())
                    .filter(Objects::nonNull)
                    .orElse(Map.of()));
  }

  private Uni<Result> bind(Pod pod, String node) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    Binding binding =
        new BindingBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withUid(pod.getMetadata().getUid())
            .endMetadata()
            .withNewTarget()
            .withApiVersion("v1")
            .withKind("Node")
            .withName(node)
            .endTarget()
            .build();
    return client
        .resources(Pod.class)
        .post(namespace, name, "binding", binding)
        .invoke(
            () ->
                events.normal(
                    pod,
                    "Scheduled",
                    "Successfully assigned " + namespace + "/" + name + " to " + node))
        .invoke(() -> cache.bound(pod, clock.instant()))
        .replaceWith(Result.done())
        .onFailure()
        .invoke(() -> cache.forget(pod))
        // Bound by someone else, or gone: nothing is left to do for this pod.
        .onFailure(f -> f instanceof ConflictException || f instanceof NotFoundException)
        .recoverWithItem(Result.done());
  }

  private Uni<Result> unschedulable(Pod pod, String message, Result retry) {
    events.warning(pod, "FailedScheduling", message);
    if (hasCondition(pod, message)) {
      return Uni.createFrom().item(retry);
    }
    PodStatus status = pod.getStatus() != null ? pod.getStatus() : new PodStatus();
    List<PodCondition> conditions =
        new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
    conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
    conditions.add(
        new PodConditionBuilder()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage(message)
            .withLastTransitionTime(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString())
            .build());
    status.setConditions(conditions);
    pod.setStatus(status);
    return client
        .resources(Pod.class)
        .updateStatus(pod)
        .invoke(pods::recordWrite)
        .replaceWith(retry)
        .onFailure(NotFoundException.class)
        .recoverWithItem(Result.done());
  }

  private static boolean hasCondition(Pod pod, String message) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    return pod.getStatus().getConditions().stream()
        .anyMatch(
            c ->
                "PodScheduled".equals(c.getType())
                    && "False".equals(c.getStatus())
                    && "Unschedulable".equals(c.getReason())
                    && message.equals(c.getMessage()));
  }
}
