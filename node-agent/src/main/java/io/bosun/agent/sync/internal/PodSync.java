package io.bosun.agent.sync.internal;

import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.pod.PodRuntime;
import io.bosun.agent.pod.PodStatusUpdate;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.Registration;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Feeds the pod runtime from the informer of the pods bound to this node, as the kubelet's pod
 * config source does: every add and update is a {@link PodRuntime#syncPod}, every delete a {@link
 * PodRuntime#removePod}; after the first list, pods the runtime took back from its checkpoints but
 * the apiserver no longer has are removed. A new pod beyond the node's pod capacity is rejected
 * (phase Failed, reason OutOfpods), as the kubelet's admission does.
 */
public final class PodSync {
  private static final Logger LOG = Logger.getLogger(PodSync.class);

  private final Informer<Pod> pods;
  private final PodRuntime runtime;
  private final PodStatusWriter writer;
  private final int maxPods;
  private final Clock clock;
  private Registration registration;

  /** Syncs {@code runtime} with {@code pods}, admitting at most {@code maxPods} running pods. */
  public PodSync(
      Informer<Pod> pods, PodRuntime runtime, PodStatusWriter writer, int maxPods, Clock clock) {
    this.pods = pods;
    this.runtime = runtime;
    this.writer = writer;
    this.maxPods = maxPods;
    this.clock = clock;
  }

  /** Starts following the informer. */
  public void start() {
    registration =
        pods.addHandler(
            new EventHandler<>() {
              @Override
              public void onAdd(Pod pod, Origin origin) {
                sync(pod);
              }

              @Override
              public void onUpdate(Pod oldPod, Pod newPod, Origin origin) {
                sync(newPod);
              }

              @Override
              public void onDelete(Pod pod, Origin origin) {
                remove(pod.getMetadata().getUid());
              }
            });
    pods.whenSynced()
        .subscribe()
        .with(synced -> removeOrphans(), failure -> LOG.debugf("pod informer closed: %s", failure));
  }

  /** Stops following the informer; the runtime keeps its pods. */
  public void stop() {
    if (registration != null) {
      registration.remove();
    }
  }

  private void sync(Pod pod) {
    String uid = pod.getMetadata().getUid();
    try {
      if (!runtime.podUids().contains(uid) && admissionRefused(pod)) {
        return;
      }
      runtime.syncPod(pod);
    } catch (RuntimeException e) {
      LOG.errorf(e, "cannot sync pod %s/%s", pod.getMetadata().getNamespace(), uid);
    }
  }

  private void remove(String uid) {
    runtime
        .removePod(uid)
        .subscribe()
        .with(
            removed -> LOG.debugf("pod %s removed", uid),
            failure -> LOG.errorf(failure, "cannot remove pod %s", uid));
  }

  private void removeOrphans() {
    Set<String> known =
        pods.list().stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    for (String uid : runtime.podUids()) {
      if (!known.contains(uid)) {
        LOG.infof("pod %s is no longer bound to this node; removing it", uid);
        remove(uid);
      }
    }
  }

  /** Rejects a new pod when the node runs its capacity of pods already; returns whether it did. */
  private boolean admissionRefused(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null || terminal(pod.getStatus())) {
      return false;
    }
    long active =
        runtime.podUids().stream()
            .filter(uid -> runtime.status(uid).map(s -> !terminal(s)).orElse(true))
            .count();
    if (active < maxPods) {
      return false;
    }
    String message =
        "Node didn't have enough resource: pods, requested: 1, used: "
            + active
            + ", capacity: "
            + maxPods;
    PodStatus rejected = new PodStatus();
    rejected.setPhase("Failed");
    rejected.setReason("OutOfpods");
    rejected.setMessage("Pod was rejected: " + message);
    var meta = pod.getMetadata();
    writer.onStatus(
        new PodStatusUpdate(meta.getNamespace(), meta.getName(), meta.getUid(), rejected, false));
    writer.onEvent(
        new PodEvent(
            meta.getNamespace(),
            meta.getName(),
            meta.getUid(),
            null,
            PodEvent.WARNING,
            "OutOfpods",
            message,
            clock.instant()));
    return true;
  }

  private static boolean terminal(PodStatus status) {
    return status != null
        && ("Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase()));
  }
}
