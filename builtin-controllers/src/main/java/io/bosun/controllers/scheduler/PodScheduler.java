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
import io.fabric8.kubernetes.api.model.Node;
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
import java.util.stream.Collectors;

/**
 * Places one pending pod: filters the nodes it fits, scores them, and binds it to the best; or,
 * when none fits, says why in a FailedScheduling event and the pod's PodScheduled condition.
 */
final class PodScheduler implements Reconciler {
  private final KubeClient client;
  private final Informer<Pod> pods;
  private final Informer<Node> nodes;
  private final Informer<Namespace> namespaces;
  private final UnschedulablePods unschedulable;
  private final EventRecorder events;
  private final SchedulerOptions options;
  private final Clock clock;
  private final AssumedPods assumed = new AssumedPods();

  PodScheduler(
      KubeClient client,
      Informer<Pod> pods,
      Informer<Node> nodes,
      Informer<Namespace> namespaces,
      UnschedulablePods unschedulable,
      EventRecorder events,
      SchedulerOptions options,
      Clock clock) {
    this.client = client;
    this.pods = pods;
    this.nodes = nodes;
    this.namespaces = namespaces;
    this.unschedulable = unschedulable;
    this.events = events;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    assumed.prune(pods);
    Optional<Pod> cached = pods.get(request.namespace(), request.name());
    if (cached.isEmpty()
        || !SchedulerController.isPending(cached.get(), options.schedulerName())
        || assumed.contains(request.namespace(), request.name())) {
      unschedulable.forget(request);
      return Uni.createFrom().item(Result.done());
    }
    Optional<Duration> backingOff = unschedulable.waitLeft(request, clock.instant());
    if (backingOff.isPresent()) {
      return Uni.createFrom().item(Result.requeueAfter(backingOff.get()));
    }
    Pod pod = cached.get();
    List<NodeInfo> all = new ArrayList<>();
    for (Node node : nodes.list()) {
      all.add(NodeInfo.of(node, podsOn(node.getMetadata().getName())));
    }
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
      unschedulable.failed(request, clock.instant());
      return unschedulable(pod, error.message());
    }
    unschedulable.forget(request);
    Map<String, Long> affinityScores = PodAffinityScores.raw(pod, all, feasible, namespaceLabels);
    return bind(pod, Scores.best(pod, feasible, affinityScores).name());
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

  /** The unfinished pods bound to {@code node}, and those this scheduler is binding there. */
  private List<Pod> podsOn(String node) {
    Map<String, Pod> byKey =
        pods.byIndex(SchedulerController.NODE_INDEX, node).stream()
            .collect(Collectors.toMap(PodScheduler::key, p -> p, (a, b) -> a));
    for (Pod pod : assumed.on(node)) {
      byKey.putIfAbsent(key(pod), pod);
    }
    return List.copyOf(byKey.values());
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
    assumed.assume(pod, node);
    return client
        .resources(Pod.class)
        .post(namespace, name, "binding", binding)
        .invoke(
            () ->
                events.normal(
                    pod,
                    "Scheduled",
                    "Successfully assigned " + namespace + "/" + name + " to " + node))
        .replaceWith(Result.done())
        .onFailure()
        .invoke(() -> assumed.forget(pod))
        // Bound by someone else, or gone: nothing is left to do for this pod.
        .onFailure(f -> f instanceof ConflictException || f instanceof NotFoundException)
        .recoverWithItem(Result.done());
  }

  private Uni<Result> unschedulable(Pod pod, String message) {
    events.warning(pod, "FailedScheduling", message);
    Result retry = Result.requeueAfter(options.unschedulableRetry());
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

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
