package io.bosun.agent.pod;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.pod.internal.DefaultPodRuntime;
import io.bosun.agent.runtime.ResourceEnforcement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the pods bound to this node: the kubelet's pod lifecycle, without its API client. The agent
 * feeds it pods from its informer ({@link #syncPod}, {@link #removePod}) and writes what it reports
 * to a {@link PodStatusListener} to the apiserver.
 *
 * <p>Each pod gets an address, its volumes as directories, and its containers started in order with
 * restarts, back-off and probes; its status is computed as the kubelet computes it. State is
 * checkpointed in the data directory, so a new runtime on the same directory takes back the pods
 * and containers of the last one without starting them twice.
 */
public interface PodRuntime extends AutoCloseable {

  /**
   * A pod runtime with {@code options}. It takes back the pods checkpointed in the data directory
   * and resumes them at once.
   */
  static PodRuntime create(PodRuntimeOptions options) {
    return DefaultPodRuntime.create(options);
  }

  /**
   * Runs {@code pod}, or brings a running pod in line with it: a changed container image restarts
   * that container, changed labels and annotations reach downward API volumes, and a {@code
   * metadata.deletionTimestamp} stops the pod with its {@code deletionGracePeriodSeconds}. A pod
   * this runtime does not have whose phase is already Succeeded or Failed is not started. Returns
   * at once; the work happens on the runtime's threads.
   *
   * @throws IllegalArgumentException if the pod has no UID, or is bound to another node
   */
  void syncPod(Pod pod);

  /**
   * Forgets a pod that is gone from the apiserver: stops whatever still runs of it (with its
   * termination grace period), then deletes its directories, logs, address and checkpoint.
   *
   * @return completes when the pod is gone from this node; at once if it was unknown
   */
  Uni<Void> removePod(String uid);

  /** The UIDs of the pods this runtime has, checkpointed ones included. */
  Set<String> podUids();

  /** The last status computed for a pod, if the runtime has it. */
  Optional<PodStatus> status(String uid);

  /**
   * Opens a container's log, as the {@code pods/log} subresource serves it: completes with the
   * log's content once the log is found, so that a server can answer with an error before it starts
   * a response. The failure, for a pod or container that has no such log, is an {@link
   * io.bosun.core.api.StatusException} with the kubelet's message and code.
   */
  Uni<Multi<byte[]>> logs(String namespace, String name, LogOptions options);

  /**
   * Re-reads ConfigMaps, Secrets and claims now, for volumes and for containers waiting on a
   * missing one. The agent calls it when its informers see such an object change; the runtime also
   * does it every {@link PodRuntimeOptions#resyncPeriod()}.
   */
  void refreshInputs();

  /** Whether CPU and memory limits are enforced on this node, and how or why not. */
  ResourceEnforcement resourceEnforcement();

  /**
   * Lets go of every pod without stopping any: their processes keep running for the next runtime on
   * the same data directory to take back.
   */
  @Override
  void close();
}
