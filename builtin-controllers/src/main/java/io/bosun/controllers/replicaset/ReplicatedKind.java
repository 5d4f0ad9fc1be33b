package io.bosun.controllers.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Map;

/**
 * What the replica controller needs to know of the kind it manages: a ReplicaSet, or the older
 * ReplicationController, whose spec and status have the same meaning in different classes.
 *
 * @param <R> the kind's class
 */
interface ReplicatedKind<R extends HasMetadata> {

  /** The kind's class. */
  Class<R> type();

  /** The controller's name in events and logs. */
  String component();

  /** The desired number of pods; 1 when unset, as the API defaults it. */
  int replicas(R owner);

  /** How long a pod must be ready to count as available. */
  int minReadySeconds(R owner);

  /** Whether the owner's selector selects a pod with {@code labels}; a null selector none. */
  boolean selects(R owner, Map<String, String> labels);

  /** The pod template, or null when there is none. */
  PodTemplateSpec template(R owner);

  /** The current status. */
  ReplicaStatus status(R owner);
}
