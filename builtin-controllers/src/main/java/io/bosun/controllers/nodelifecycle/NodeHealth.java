package io.bosun.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each node last gave a sign of life, on this controller's own clock, as Kubernetes' node
 * lifecycle controller keeps its probe timestamps: a renewed Lease or a new Ready heartbeat in the
 * node's status counts from the moment it is seen, so that clock skew between a kubelet and the
 * controller never makes a node look dead or alive.
 */
final class NodeHealth {
  /** The conditions a kubelet owns, which go Unknown when it stops posting. */
  static final List<String> KUBELET_CONDITIONS =
      List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");

  static final String STOPPED_REASON = "NodeStatusUnknown";
  static final String STOPPED_MESSAGE = "Kubelet stopped posting node status.";
  static final String NEVER_REASON = "NodeStatusNeverUpdated";
  static final String NEVER_MESSAGE = "Kubelet never posted node status.";

  private record Seen(String readyHeartbeat, ZonedDateTime leaseRenewed, Instant probe) {}

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /**
   * The last time {@code node} gave a sign of life: {@code now} when it is new to this controller,
   * or its Ready heartbeat or its Lease's renewTime changed since last looked at.
   */
  Instant lastProbe(Node node, Optional<Lease> lease, Instant now) {
    String name = node.getMetadata().getName();
    String heartbeat =
        Taints.condition(node, "Ready").map(NodeCondition::getLastHeartbeatTime).orElse(null);
    ZonedDateTime renewed = lease.map(Lease::getSpec).map(LeaseSpec::getRenewTime).orElse(null);
    Seen next =
        seen.compute(
            name,
            (key, before) -> {
              boolean alive =
                  before == null
                      || !Objects.equals(before.readyHeartbeat(), heartbeat)
                      || (renewed != null
                          && (before.leaseRenewed() == null
                              || renewed.isAfter(before.leaseRenewed())));
              return new Seen(heartbeat, renewed, alive ? now : before.probe());
            });
    return next.probe();
  }

  /** Forgets a node that is gone. */
  void forget(String name) {
    seen.remove(name);
  }

  /**
   * The kubelet conditions of {@code node} as they read once its kubelet stopped posting: each one
   * Unknown since {@code now} (kept as it is when Unknown already), missing ones added as never
   * posted; other conditions unchanged. Empty when nothing changes.
   */
  static Optional<List<NodeCondition>> unknown(Node node, Instant now) {
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    List<NodeCondition> current =
        node.getStatus() == null || node.getStatus().getConditions() == null
            ? List.of()
            : node.getStatus().getConditions();
    List<NodeCondition> result = new ArrayList<>();
    boolean changed = false;
    for (NodeCondition condition : current) {
      if (KUBELET_CONDITIONS.contains(condition.getType())
          && !"Unknown".equals(condition.getStatus())) {
        NodeCondition stopped = new NodeCondition();
        stopped.setType(condition.getType());
        stopped.setStatus("Unknown");
        stopped.setReason(STOPPED_REASON);
        stopped.setMessage(STOPPED_MESSAGE);
        stopped.setLastHeartbeatTime(condition.getLastHeartbeatTime());
        stopped.setLastTransitionTime(time);
        result.add(stopped);
        changed = true;
      } else {
        result.add(condition);
      }
    }
    for (String type : KUBELET_CONDITIONS) {
      if (current.stream().noneMatch(c -> type.equals(c.getType()))) {
        NodeCondition never = new NodeCondition();
        never.setType(type);
        never.setStatus("Unknown");
        never.setReason(NEVER_REASON);
        never.setMessage(NEVER_MESSAGE);
        never.setLastHeartbeatTime(node.getMetadata().getCreationTimestamp());
        never.setLastTransitionTime(time);
        result.add(never);
        changed = true;
      }
    }
    return changed ? Optional.of(result) : Optional.empty();
  }
}
