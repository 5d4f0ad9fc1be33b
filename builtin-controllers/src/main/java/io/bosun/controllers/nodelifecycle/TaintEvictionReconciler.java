package io.bosun.controllers.nodelifecycle;

import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controllers.events.EventRecorder;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Deletes a pod bound to a node with NoExecute taints it does not tolerate, at once, or once the
 * taints have stood for its shortest {@code tolerationSeconds}; until then the pod is looked at
 * again when that time comes, or when it or its node changes.
 */
final class TaintEvictionReconciler implements Reconciler {
  static final String REASON = "TaintManagerEviction";
  private static final Logger LOG = Logger.getLogger(TaintEvictionReconciler.class);

  private final ResourceClient<Pod> pods;
  private final Informer<Pod> podCache;
  private final Informer<Node> nodeCache;
  private final EventRecorder events;
  private final Clock clock;
  private final TaintSightings sightings = new TaintSightings();
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  TaintEvictionReconciler(
      ResourceClient<Pod> pods,
      Informer<Pod> podCache,
      Informer<Node> nodeCache,
      EventRecorder events,
      Clock clock) {
    this.pods = pods;
    this.podCache = podCache;
    this.nodeCache = nodeCache;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    String key = request.namespace() + "/" + request.name();
    Optional<Pod> found = podCache.get(request.namespace(), request.name());
    if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
      scheduled.remove(key);
      return done();
    }
    Pod pod = found.get();
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    Optional<Node> node =
        nodeName == null || nodeName.isEmpty() ? Optional.empty() : nodeCache.get("", nodeName);
    if (node.isEmpty()) {
      if (nodeName != null && !nodeName.isEmpty()) {
        sightings.forget(nodeName);
      }
      return cancel(pod, key);
    }
    List<Taint> taints = Taints.noExecute(node.get());
    List<Toleration> tolerations =
        pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    Instant now = clock.instant();
    Instant since = sightings.since(nodeName, taints, now);
    Tolerations.Verdict verdict = Tolerations.verdict(taints, tolerations);
    if (LOG.isDebugEnabled() && !taints.isEmpty()) {
      LOG.debugf(
          "%s on %s: NoExecute taints %s since %s: %s", key, nodeName, taints, since, verdict);
    }
    if (verdict instanceof Tolerations.Stay) {
      return cancel(pod, key);
    }
    if (verdict instanceof Tolerations.EvictAfter after) {
      Duration left = Duration.between(now, since.plus(after.after()));
      if (left.compareTo(Duration.ZERO) > 0) {
        scheduled.add(key);
        return Uni.createFrom().item(Result.requeueAfter(left));
      }
    }
    return evict(pod, key);
  }

  private Uni<Result> cancel(Pod pod, String key) {
    if (scheduled.remove(key)) {
      events.record(pod, EventRecorder.NORMAL, REASON, "Cancelling deletion of Pod " + key);
    }
    return done();
  }

  /**
   * Deletes the pod as Kubernetes' taint manager does: an event, a DisruptionTarget condition that
   * says why, then a deletion with the pod's own grace period, bound to this pod by its uid.
   */
  private Uni<Result> evict(Pod pod, String key) {
    scheduled.remove(key);
    events.record(pod, EventRecorder.NORMAL, REASON, "Marking for deletion Pod " + key);
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    Map<String, Object> condition =
        Map.of(
            "type", "DisruptionTarget",
            "status", "True",
            "reason", "DeletionByTaintManager",
            "message", "Taint manager: deleting due to NoExecute taint",
            "lastTransitionTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    Patch disruption =
        Patch.strategicMerge(Map.of("status", Map.of("conditions", List.of(condition))));
    return pods.patchStatus(namespace, name, disruption, new PatchOptions())
        .replaceWithVoid()
        .flatMap(
            ignored ->
                pods.delete(
                    namespace,
                    name,
                    new DeleteOptionsBuilder()
                        .withNewPreconditions()
                        .withUid(pod.getMetadata().getUid())
                        .endPreconditions()
                        .build()))
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .replaceWith(Result.done());
  }

  private static Uni<Result> done() {
    return Uni.createFrom().item(Result.done());
  }
}
