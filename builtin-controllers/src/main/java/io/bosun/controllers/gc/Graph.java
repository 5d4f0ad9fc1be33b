package io.bosun.controllers.gc;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The ownership graph of every watched object, built from informer events as Kubernetes'
 * GraphBuilder builds it: a node per uid, edges from owners to dependents, virtual nodes for owners
 * not seen yet. It decides what the collector should look at: dependents whose owner went away,
 * owners waiting for their dependents (foreground) or about to orphan them, virtual owners to
 * verify. One lock guards it; events from all informers and the workers' findings go through it.
 */
final class Graph {
  /** Deletion finalizer: dependents are orphaned before the owner goes. */
  static final String ORPHAN = "orphan";

  /** Deletion finalizer: dependents are deleted before the owner goes. */
  static final String FOREGROUND = "foregroundDeletion";

  private static final int ABSENT_OWNERS = 500;

  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, Boolean> absentOwners =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > ABSENT_OWNERS;
        }
      };
  private final Consumer<String> attemptToDelete;
  private final Consumer<String> attemptToOrphan;

  /** A graph that hands uids to look at to the two queues. */
  Graph(Consumer<String> attemptToDelete, Consumer<String> attemptToOrphan) {
    this.attemptToDelete = attemptToDelete;
    this.attemptToOrphan = attemptToOrphan;
  }

  /** An object was added or changed; {@code old} is its previous metadata, or null. */
  synchronized void observe(ObjectRef identity, ObjectMeta meta, ObjectMeta old) {
    Node node = nodes.get(identity.uid());
    if (node != null && node.virtual) {
      // The owner dependents named is real: those that named it wrongly get another look.
      node.virtual = false;
      if (!node.identity.sameObject(identity)) {
        for (Node dependent : node.dependents) {
          if (!refersTo(dependent, identity)) {
            attemptToDelete.accept(dependent.identity.uid());
          }
        }
        node.identity = identity;
      }
    }
    List<OwnerReference> owners = ownersOf(meta);
    if (node == null) {
      node = new Node(identity);
      node.owners = owners;
      node.beingDeleted = beingDeleted(meta);
      node.deletingDependents = node.beingDeleted && hasFinalizer(meta, FOREGROUND);
      nodes.put(identity.uid(), node);
      addToOwners(node, owners);
    } else {
      List<OwnerReference> before = node.owners;
      if (!before.equals(owners)) {
        enqueueUnblockedOwners(before, owners);
        node.owners = owners;
        addToOwners(node, added(before, owners));
        removeFromOwners(node, added(owners, before));
      }
      if (beingDeleted(meta)) {
        node.beingDeleted = true;
      }
    }
    transitions(node, meta, old);
  }

  /** An informer saw the object deleted. */
  synchronized void observeDeleted(ObjectRef identity) {
    Node node = nodes.get(identity.uid());
    if (node != null) {
      remove(node, identity);
    }
  }

  /**
   * The server says {@code identity} does not exist (a virtual owner, or a node whose object is
   * gone with its delete event not seen yet).
   */
  synchronized void confirmAbsent(ObjectRef identity) {
    Node node = nodes.get(identity.uid());
    if (node == null) {
      return;
    }
    if (node.virtual || node.identity.sameObject(identity)) {
      remove(node, identity);
      return;
    }
    // A real node disagrees with these coordinates: only dependents that used them are wrong.
    absentOwners.put(absentKey(identity), true);
    for (Node dependent : node.dependents) {
      if (refersTo(dependent, identity)) {
        attemptToDelete.accept(dependent.identity.uid());
      }
    }
  }

  /** Whether an owner with {@code uid} was found absent (in {@code namespace}, or cluster-wide). */
  synchronized boolean knownAbsent(String uid, String namespace) {
    return absentOwners.containsKey(uid + "|") || absentOwners.containsKey(uid + "|" + namespace);
  }

  /** Records that no object has {@code identity}'s uid at those coordinates. */
  synchronized void markAbsent(ObjectRef identity) {
    absentOwners.put(absentKey(identity), true);
  }

  /** The node of {@code uid}, if the graph has one. */
  synchronized Optional<Node> node(String uid) {
    return Optional.ofNullable(nodes.get(uid));
  }

  /** A snapshot of the node's identity and deletion state, taken under the lock. */
  synchronized Optional<Snapshot> snapshot(String uid) {
    Node node = nodes.get(uid);
    if (node == null) {
      return Optional.empty();
    }
    List<ObjectRef> dependents = node.dependents.stream().map(d -> d.identity).toList();
    List<Snapshot> blocking = node.blockingDependents().stream().map(d -> shallow(d)).toList();
    boolean dependentDeletingDependents =
        node.dependents.stream().anyMatch(d -> d.deletingDependents);
    return Optional.of(
        new Snapshot(
            node.identity,
            node.virtual,
            node.beingDeleted,
            node.deletingDependents,
            dependents,
            blocking,
            dependentDeletingDependents));
  }

  /** How many nodes the graph holds. */
  synchronized int size() {
    return nodes.size();
  }

  /**
   * What the collector needs of a node, copied out of the graph.
   *
   * @param dependents the identities of its dependents
   * @param blocking the dependents blocking its foreground deletion
   * @param aDependentDeletesItsDependents whether a dependent is itself deleting in foreground
   */
  record Snapshot(
      ObjectRef identity,
      boolean virtual,
      boolean beingDeleted,
      boolean deletingDependents,
      List<ObjectRef> dependents,
      List<Snapshot> blocking,
      boolean aDependentDeletesItsDependents) {}

  private static Snapshot shallow(Node node) {
    return new Snapshot(
        node.identity,
        node.virtual,
        node.beingDeleted,
        node.deletingDependents,
        List.of(),
        List.of(),
        false);
  }

  private void remove(Node node, ObjectRef deleted) {
    nodes.remove(node.identity.uid());
    removeFromOwners(node, node.owners);
    if (!node.dependents.isEmpty()) {
      absentOwners.put(absentKey(deleted), true);
    }
    for (Node dependent : node.dependents) {
      attemptToDelete.accept(dependent.identity.uid());
    }
    // An owner deleting in foreground may be waiting for this one.
    for (OwnerReference owner : node.owners) {
      Node ownerNode = nodes.get(owner.getUid());
      if (ownerNode != null && ownerNode.deletingDependents) {
        attemptToDelete.accept(ownerNode.identity.uid());
      }
    }
  }

  /** Acts on a deletion that starts with the orphan or foreground finalizer. */
  private void transitions(Node node, ObjectMeta meta, ObjectMeta old) {
    if (startsDeletionWith(meta, old, ORPHAN)) {
      attemptToOrphan.accept(node.identity.uid());
      return;
    }
    if (startsDeletionWith(meta, old, FOREGROUND)) {
      node.deletingDependents = true;
      for (Node dependent : node.dependents) {
        attemptToDelete.accept(dependent.identity.uid());
      }
      attemptToDelete.accept(node.identity.uid());
    }
  }

  private void addToOwners(Node node, List<OwnerReference> owners) {
    for (OwnerReference reference : owners) {
      Node owner = nodes.get(reference.getUid());
      if (owner == null) {
        owner = new Node(ObjectRef.owner(reference, node.identity.namespace()));
        owner.virtual = true;
        nodes.put(reference.getUid(), owner);
        owner.dependents.add(node);
        // Verify with the server that the owner exists; if not, its dependents go.
        attemptToDelete.accept(reference.getUid());
      } else {
        owner.dependents.add(node);
      }
    }
  }

  private void removeFromOwners(Node node, List<OwnerReference> owners) {
    for (OwnerReference reference : owners) {
      Node owner = nodes.get(reference.getUid());
      if (owner != null) {
        owner.dependents.remove(node);
      }
    }
  }

  /** Owners whose blocking reference was removed or unblocked may finish a foreground delete. */
  private void enqueueUnblockedOwners(List<OwnerReference> before, List<OwnerReference> after) {
    for (OwnerReference old : before) {
      if (!Boolean.TRUE.equals(old.getBlockOwnerDeletion())) {
        continue;
      }
      Optional<OwnerReference> now =
          after.stream().filter(r -> Objects.equals(r.getUid(), old.getUid())).findFirst();
      if (now.isEmpty() || !Boolean.TRUE.equals(now.get().getBlockOwnerDeletion())) {
        Node owner = nodes.get(old.getUid());
        if (owner != null) {
          attemptToDelete.accept(owner.identity.uid());
        }
      }
    }
  }

  /** The references of {@code after} whose uid {@code before} lacks. */
  private static List<OwnerReference> added(
      List<OwnerReference> before, List<OwnerReference> after) {
    Set<String> known = new java.util.HashSet<>();
    before.forEach(r -> known.add(r.getUid()));
    List<OwnerReference> result = new ArrayList<>();
    for (OwnerReference reference : after) {
      if (!known.contains(reference.getUid())) {
        result.add(reference);
      }
    }
    return result;
  }

  private static boolean refersTo(Node dependent, ObjectRef owner) {
    for (OwnerReference reference : dependent.owners) {
      if (ObjectRef.owner(reference, dependent.identity.namespace()).sameObject(owner)
          || Objects.equals(reference.getUid(), owner.uid())
              && owner.namespace().isEmpty()
              && ObjectRef.owner(reference, "").sameObject(owner)) {
        return true;
      }
    }
    return false;
  }

  private static String absentKey(ObjectRef identity) {
    return identity.uid() + "|" + identity.namespace();
  }

  static List<OwnerReference> ownersOf(ObjectMeta meta) {
    return meta == null || meta.getOwnerReferences() == null
        ? List.of()
        : List.copyOf(meta.getOwnerReferences());
  }

  static boolean beingDeleted(ObjectMeta meta) {
    return meta != null && meta.getDeletionTimestamp() != null;
  }

  static boolean hasFinalizer(ObjectMeta meta, String finalizer) {
    return meta != null && meta.getFinalizers() != null && meta.getFinalizers().contains(finalizer);
  }

  private static boolean startsDeletionWith(ObjectMeta meta, ObjectMeta old, String finalizer) {
    if (!beingDeleted(meta) || !hasFinalizer(meta, finalizer)) {
      return false;
    }
    return old == null || !beingDeleted(old) || !hasFinalizer(old, finalizer);
  }
}
