package io.bosun.agent.pod.internal;

import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.pod.PodStatusUpdate;
import io.fabric8.kubernetes.api.model.PodStatus;
import org.jboss.logging.Logger;

/** Computes a pod's status after each sync and tells the listener when it changed. */
final class StatusReporter {
  private static final Logger LOG = Logger.getLogger(StatusReporter.class);

  private final RuntimeContext ctx;
  private volatile PodStatus lastStatus;
  private boolean lastDeletable;

  StatusReporter(RuntimeContext ctx) {
    this.ctx = ctx;
  }

  PodStatus lastStatus() {
    return lastStatus;
  }

  void report(PodState state) {
    boolean deletable = state.terminating && state.nothingRuns();
    PodStatus status =
        StatusBuilder.build(
            new StatusBuilder.Input(
                state.pod,
                state.initContainers(),
                state.containers(),
                state.podIP,
                ctx.options.hostIP(),
                state.startTime,
                state.sandboxReady(),
                deletable,
                lastStatus,
                ctx.runtime.type(),
                limitsNotEnforced(state),
                ctx.now()));
    if (status.equals(lastStatus) && deletable == lastDeletable) {
      return;
    }
    lastStatus = status;
    lastDeletable = deletable;
    var meta = state.pod.getMetadata();
    try {
      ctx.options
          .listener()
          .onStatus(
              new PodStatusUpdate(
                  meta.getNamespace(), meta.getName(), meta.getUid(), status, deletable));
    } catch (RuntimeException e) {
      LOG.warnf(e, "status listener failed for pod %s", meta.getUid());
    }
  }

  /** Why the pod's limits are not enforced, or null if they are (or it has none). */
  private String limitsNotEnforced(PodState state) {
    var enforcement = ctx.runtime.resourceEnforcement();
    if (enforcement.enforced() || !state.hasLimits()) {
      return null;
    }
    if (!state.limitsEventSent) {
      state.limitsEventSent = true;
      state.dirty = true;
      ctx.event(state.pod, null, PodEvent.WARNING, "LimitsNotEnforced", enforcement.message());
    }
    return enforcement.message();
  }
}
