package io.bosun.agent.pod.internal;

import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.probe.internal.Prober;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * Container lifecycle hooks: postStart after a run starts (a failure kills the run), preStop before
 * a run is stopped (bounded by the grace period). Each is an exec command, an HTTP GET or a sleep.
 */
final class Hooks {
  private final PodWorker worker;
  private final ContainerActions actions;

  Hooks(PodWorker worker, ContainerActions actions) {
    this.worker = worker;
    this.actions = actions;
  }

  /** Runs the preStop hook, if any; the item says whether there was one. Never fails. */
  Uni<Boolean> preStop(ContainerSlot slot, Run run, Duration grace) {
    LifecycleHandler handler =
        slot.spec.getLifecycle() == null ? null : slot.spec.getLifecycle().getPreStop();
    if (handler == null) {
      return Uni.createFrom().item(false);
    }
    return run(slot, run, handler, grace)
        .ifNoItem()
        .after(grace.isZero() ? Duration.ofMillis(1) : grace)
        .recoverWithItem(new Prober.Outcome(false, "timed out after " + grace.toSeconds() + "s"))
        .onFailure()
        .recoverWithItem(failure -> new Prober.Outcome(false, String.valueOf(failure)))
        .map(
            outcome -> {
              if (!outcome.success()) {
                worker
                    .executor()
                    .execute(() -> failed(slot, "FailedPreStopHook", "PreStopHook", outcome));
              }
              return true;
            });
  }

  /** Runs the postStart hook, if any; a failure kills the run. */
  void postStart(ContainerSlot slot, Run run) {
    LifecycleHandler handler =
        slot.spec.getLifecycle() == null ? null : slot.spec.getLifecycle().getPostStart();
    if (handler == null) {
      return;
    }
    Duration grace = worker.state.gracePeriod();
    run(slot, run, handler, grace)
        .onFailure()
        .recoverWithItem(failure -> new Prober.Outcome(false, String.valueOf(failure)))
        .subscribe()
        .with(
            outcome -> {
              if (!outcome.success()) {
                worker
                    .executor()
                    .execute(
                        () -> {
                          failed(slot, "FailedPostStartHook", "PostStartHook", outcome);
                          if (slot.current == run) {
                            actions.kill(slot, grace, "FailedPostStartHook");
                          }
                        });
              }
            });
  }

  /** Reports a failed hook; on the pod's thread, so events stay in order with statuses. */
  private void failed(ContainerSlot slot, String reason, String hook, Prober.Outcome outcome) {
    worker
        .context()
        .event(
            worker.pod(),
            slot.fieldPath(),
            PodEvent.WARNING,
            reason,
            hook + " failed: " + outcome.message());
  }

  private Uni<Prober.Outcome> run(
      ContainerSlot slot, Run run, LifecycleHandler handler, Duration timeout) {
    RuntimeContext ctx = worker.context();
    Prober.Target target =
        new Prober.Target(
            worker.state.podIP,
            slot.spec.getPorts(),
            (command, limit) -> ctx.runtime.exec(run.handle, command, limit));
    if (handler.getExec() != null) {
      ExecAction exec = new ExecAction(worker.execCommand(slot, handler.getExec().getCommand()));
      return ctx.prober.exec(exec, target, timeout);
    }
    if (handler.getHttpGet() != null) {
      return ctx.prober.http(handler.getHttpGet(), target, timeout);
    }
    if (handler.getSleep() != null) {
      long seconds = handler.getSleep().getSeconds() == null ? 0 : handler.getSleep().getSeconds();
      return Uni.createFrom()
          .emitter(
              emitter ->
                  ctx.scheduler()
                      .schedule(
                          Duration.ofSeconds(seconds),
                          () -> emitter.complete(new Prober.Outcome(true, ""))));
    }
    if (handler.getTcpSocket() != null) {
      return ctx.prober.tcp(handler.getTcpSocket(), target, timeout);
    }
    return Uni.createFrom().item(new Prober.Outcome(false, "the hook has no handler"));
  }
}
