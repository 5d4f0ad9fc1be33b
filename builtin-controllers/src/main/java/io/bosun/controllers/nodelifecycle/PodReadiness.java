package io.bosun.controllers.nodelifecycle;

import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks the pods of an unreachable node not Ready (Kubernetes' MarkPodsNotReady): their kubelet can
 * no longer say, so Services stop sending them traffic while they wait for eviction.
 */
final class PodReadiness {
  private final ResourceClient<Pod> pods;
  private final PodsByNode byNode;
  private final Clock clock;

  PodReadiness(ResourceClient<Pod> pods, PodsByNode byNode, Clock clock) {
    this.pods = pods;
    this.byNode = byNode;
    this.clock = clock;
  }

  /** Sets the Ready condition of every pod on {@code node} that is Ready to False. */
  Uni<Void> markNotReady(String node) {
    List<Pod> ready = byNode.on(node).stream().filter(PodReadiness::ready).toList();
    if (ready.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(ready)
        .onItem()
        .transformToUniAndMerge(this::markNotReady)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> markNotReady(Pod pod) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    List<PodCondition> conditions = new ArrayList<>();
    for (PodCondition condition : pod.getStatus().getConditions()) {
      conditions.add(
          "Ready".equals(condition.getType())
              ? new PodConditionBuilder(condition)
                  .withStatus("False")
                  .withLastTransitionTime(now)
                  .build()
              : condition);
    }
    pod.getStatus().setConditions(conditions);
    return pods.updateStatus(pod)
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
