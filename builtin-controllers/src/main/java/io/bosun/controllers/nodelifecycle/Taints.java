package io.bosun.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The taints the node lifecycle controller owns and what a node's conditions ask of them, as
 * Kubernetes' NoExecute tainting pass and TaintNodesByCondition do: a Ready condition of False
 * makes {@value #NOT_READY}, Unknown makes {@value #UNREACHABLE} (both NoExecute and NoSchedule,
 * never together); pressure conditions and {@code spec.unschedulable} make NoSchedule taints.
 */
final class Taints {
  static final String NO_EXECUTE = "NoExecute";
  static final String NO_SCHEDULE = "NoSchedule";

  static final String NOT_READY = "node.kubernetes.io/not-ready";
  static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
  static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
  static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
  static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";
  static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

  /** A taint by what identifies it on a node: its key and effect. */
  record Slot(String key, String effect) {
    static Slot of(Taint taint) {
      return new Slot(taint.getKey(), taint.getEffect());
    }
  }

  /** Every taint this controller adds and removes; a user's other taints are left alone. */
  static final Set<Slot> OWNED =
      Set.of(
          new Slot(NOT_READY, NO_EXECUTE),
          new Slot(UNREACHABLE, NO_EXECUTE),
          new Slot(NOT_READY, NO_SCHEDULE),
          new Slot(UNREACHABLE, NO_SCHEDULE),
          new Slot(MEMORY_PRESSURE, NO_SCHEDULE),
          new Slot(DISK_PRESSURE, NO_SCHEDULE),
          new Slot(PID_PRESSURE, NO_SCHEDULE),
          new Slot(NETWORK_UNAVAILABLE, NO_SCHEDULE),
          new Slot(UNSCHEDULABLE, NO_SCHEDULE));

  private Taints() {}

  /** The owned taints {@code node}'s conditions and spec ask for. */
  static Set<Slot> wanted(Node node) {
    Set<Slot> wanted = new LinkedHashSet<>();
    switch (status(node, "Ready").orElse("")) {
      case "False" -> {
        wanted.add(new Slot(NOT_READY, NO_EXECUTE));
        wanted.add(new Slot(NOT_READY, NO_SCHEDULE));
      }
      case "Unknown" -> {
        wanted.add(new Slot(UNREACHABLE, NO_EXECUTE));
        wanted.add(new Slot(UNREACHABLE, NO_SCHEDULE));
      }
      default -> {}
    }
    pressure(node, "MemoryPressure", MEMORY_PRESSURE, wanted);
    pressure(node, "DiskPressure", DISK_PRESSURE, wanted);
    pressure(node, "PIDPressure", PID_PRESSURE, wanted);
    pressure(node, "NetworkUnavailable", NETWORK_UNAVAILABLE, wanted);
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      wanted.add(new Slot(UNSCHEDULABLE, NO_SCHEDULE));
    }
    return wanted;
  }

  /**
   * The taints {@code node} should carry: its taints that this controller does not own, and those
   * it owns that are still wanted, in their order and with their {@code timeAdded}; then the newly
   * wanted ones, added as of {@code now}.
   */
  static List<Taint> reconciled(Node node, Instant now) {
    Set<Slot> wanted = wanted(node);
    List<Taint> result = new ArrayList<>();
    Set<Slot> present = new LinkedHashSet<>();
    for (Taint taint : current(node)) {
      Slot slot = Slot.of(taint);
      if (!OWNED.contains(slot) || wanted.contains(slot)) {
        result.add(taint);
        present.add(slot);
      }
    }
    String added = now.truncatedTo(ChronoUnit.SECONDS).toString();
    for (Slot slot : wanted) {
      if (!present.contains(slot)) {
        result.add(
            new TaintBuilder()
                .withKey(slot.key())
                .withEffect(slot.effect())
                .withTimeAdded(added)
                .build());
      }
    }
    return result;
  }

  /** The node's NoExecute taints. */
  static List<Taint> noExecute(Node node) {
    return current(node).stream().filter(t -> NO_EXECUTE.equals(t.getEffect())).toList();
  }

  static List<Taint> current(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null
        ? List.of()
        : node.getSpec().getTaints();
  }

  /** The status of the node's condition of {@code type}, if it has one. */
  static Optional<String> status(Node node, String type) {
    return condition(node, type).map(NodeCondition::getStatus);
  }

  static Optional<NodeCondition> condition(Node node, String type) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return node.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  private static void pressure(Node node, String condition, String key, Set<Slot> wanted) {
    if (status(node, condition).filter("True"::equals).isPresent()) {
      wanted.add(new Slot(key, NO_SCHEDULE));
    }
  }
}
