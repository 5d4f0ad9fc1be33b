package io.bosun.controllers.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The annotations by which a Deployment and its ReplicaSets record revisions and sizes, with
 * Kubernetes' names and rules; {@code kubectl rollout history} and {@code undo} read them.
 */
final class Revisions {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  /** The longest revision history annotation, in characters: 2000, as in Kubernetes. */
  static final int MAX_HISTORY_CHARS = 2000;

  /** Annotations of the Deployment that its ReplicaSets do not copy. */
  private static final Set<String> NOT_COPIED =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          REVISION,
          REVISION_HISTORY,
          DESIRED_REPLICAS,
          MAX_REPLICAS,
          "deprecated.deployment.rollback.to");

  /** Oldest revision first, then oldest creation. */
  static final Comparator<ReplicaSet> BY_REVISION =
      Comparator.<ReplicaSet>comparingLong(Revisions::revision)
          .thenComparing(ReplicaSets.BY_CREATION);

  private Revisions() {}

  /** The revision an object's annotation records; 0 when none or unreadable. */
  static long revision(HasMetadata object) {
    String value = annotation(object, REVISION);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static long maxRevision(List<ReplicaSet> list) {
    return list.stream().filter(Objects::nonNull).mapToLong(Revisions::revision).max().orElse(0);
  }

  /**
   * Brings {@code rs}'s annotations up to date for being the new ReplicaSet at {@code newRevision}:
   * the Deployment's annotations copied, the revision raised (keeping the old one in the history,
   * as a rollback does), and for a ReplicaSet not created yet the replica annotations.
   *
   * @return whether any annotation changed
   */
  static boolean setNewReplicaSetAnnotations(
      Deployment d, ReplicaSet rs, long newRevision, boolean exists) {
    Map<String, String> annotations = annotations(rs);
    boolean changed = false;
    Map<String, String> source = d.getMetadata().getAnnotations();
    if (source != null) {
      for (Map.Entry<String, String> entry : source.entrySet()) {
        if (NOT_COPIED.contains(entry.getKey())
            || Objects.equals(annotations.get(entry.getKey()), entry.getValue())) {
          continue;
        }
        annotations.put(entry.getKey(), entry.getValue());
        changed = true;
      }
    }
    String oldRevision = annotations.get(REVISION);
    long old;
    try {
      old = oldRevision == null || oldRevision.isEmpty() ? 0 : Long.parseLong(oldRevision);
    } catch (NumberFormatException e) {
      return changed;
    }
    if (old < newRevision) {
      annotations.put(REVISION, Long.toString(newRevision));
      changed = true;
      if (oldRevision != null) {
        appendHistory(annotations, oldRevision);
      }
    }
    if (!exists
        && setReplicasAnnotations(
            rs, Fenceposts.desired(d), Fenceposts.desired(d) + Fenceposts.maxSurge(d))) {
      changed = true;
    }
    return changed;
  }

  /** Keeps the revision this ReplicaSet had before, within {@link #MAX_HISTORY_CHARS}. */
  private static void appendHistory(Map<String, String> annotations, String oldRevision) {
    String history = annotations.getOrDefault(REVISION_HISTORY, "");
    if (history.isEmpty()) {
      annotations.put(REVISION_HISTORY, oldRevision);
      return;
    }
    List<String> revisions = new ArrayList<>(Arrays.asList(history.split(",")));
    int total = history.length() + oldRevision.length() + 1;
    while (total > MAX_HISTORY_CHARS && !revisions.isEmpty()) {
      total -= revisions.remove(0).length() + 1;
    }
    if (total <= MAX_HISTORY_CHARS) {
      revisions.add(oldRevision);
      annotations.put(REVISION_HISTORY, String.join(",", revisions));
    }
  }

  /** Sets the desired and max replicas annotations; answers whether they changed. */
  static boolean setReplicasAnnotations(ReplicaSet rs, int desired, int max) {
    Map<String, String> annotations = annotations(rs);
    boolean changed = false;
    for (var entry : Map.of(DESIRED_REPLICAS, desired, MAX_REPLICAS, max).entrySet()) {
      String value = Integer.toString(entry.getValue());
      if (!value.equals(annotations.get(entry.getKey()))) {
        annotations.put(entry.getKey(), value);
        changed = true;
      }
    }
    return changed;
  }

  /** Whether the desired or max replicas annotations differ from these. */
  static boolean replicasAnnotationsNeedUpdate(ReplicaSet rs, int desired, int max) {
    return !Integer.toString(desired).equals(annotation(rs, DESIRED_REPLICAS))
        || !Integer.toString(max).equals(annotation(rs, MAX_REPLICAS));
  }

  /** The desired replicas annotation, if present and a number. */
  static Optional<Integer> desiredReplicas(ReplicaSet rs) {
    return intAnnotation(rs, DESIRED_REPLICAS);
  }

  /** The max replicas annotation, if present and a number. */
  static Optional<Integer> maxReplicas(ReplicaSet rs) {
    return intAnnotation(rs, MAX_REPLICAS);
  }

  private static Optional<Integer> intAnnotation(ReplicaSet rs, String key) {
    String value = annotation(rs, key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /** The object's annotations, made a modifiable map on the object. */
  static Map<String, String> annotations(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    if (annotations == null) {
      annotations = new LinkedHashMap<>();
    } else {
      annotations = new LinkedHashMap<>(annotations);
    }
    object.getMetadata().setAnnotations(annotations);
    return annotations;
  }
}
