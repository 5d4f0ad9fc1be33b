package io.bosun.agent.pod;

import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.Objects;

/**
 * A pod's new status, to be written to its {@code status} subresource.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's UID (write only if the stored pod still has it)
 * @param status the whole status, as the kubelet would write it
 * @param deletable true once a pod being deleted has stopped everything here: the moment the
 *     kubelet deletes the pod object for good (grace period 0)
 */
public record PodStatusUpdate(
    String namespace, String name, String uid, PodStatus status, boolean deletable) {
  /** Checks the fields. */
  public PodStatusUpdate {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(status, "status");
  }
}
