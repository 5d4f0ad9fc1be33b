package io.bosun.controllers.gc;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One object in the ownership graph: who owns it, who depends on it, and where its deletion stands.
 * A virtual node stands for an owner that dependents name but no informer has shown yet. Guarded by
 * the {@link Graph}'s lock.
 */
final class Node {
  ObjectRef identity;
  List<OwnerReference> owners = List.of();
  final Set<Node> dependents = new LinkedHashSet<>();
  boolean virtual;
  boolean beingDeleted;
  boolean deletingDependents;

  Node(ObjectRef identity) {
    this.identity = identity;
  }

  /** The dependents whose reference to this node blocks its foreground deletion. */
  List<Node> blockingDependents() {
    List<Node> blocking = new ArrayList<>();
    for (Node dependent : dependents) {
      for (OwnerReference owner : dependent.owners) {
        if (Objects.equals(owner.getUid(), identity.uid())
            && Boolean.TRUE.equals(owner.getBlockOwnerDeletion())) {
          blocking.add(dependent);
          break;
        }
      }
    }
    return blocking;
  }

  @Override
  public String toString() {
    return (virtual ? "virtual " : "") + identity;
  }
}
