package io.bosun.agent.pod.internal;

import io.bosun.agent.probe.internal.Prober;
import io.fabric8.kubernetes.api.model.Probe;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Probes one run of a container periodically, as the kubelet's probe worker does: not before the
 * initial delay, liveness and readiness only once the startup probe has passed, and a result
 * changes only after successThreshold successes or failureThreshold failures in a row. A failed
 * liveness or startup probe ends the worker: the container is killed and its next run gets new
 * workers.
 */
final class ProbeWorker {
  enum Kind {
    STARTUP("Startup"),
    LIVENESS("Liveness"),
    READINESS("Readiness");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private final PodWorker pod;
  private final ContainerSlot slot;
  private final Run run;
  private final Kind kind;
  private final Probe probe;
  private final Prober.Target target;
  private int successes;
  private int failures;
  private Boolean result;
  private Cancellable timer;
  private boolean stopped;

  ProbeWorker(
      PodWorker pod, ContainerSlot slot, Run run, Kind kind, Probe probe, Prober.Target target) {
    this.pod = pod;
    this.slot = slot;
    this.run = run;
    this.kind = kind;
    this.probe = probe;
    this.target = target;
    this.result =
        kind == Kind.READINESS ? Boolean.FALSE : kind == Kind.LIVENESS ? Boolean.TRUE : null;
  }

  /** Starts probing; called on the pod's thread. */
  void start() {
    Instant first = run.startedAt.plusSeconds(value(probe.getInitialDelaySeconds(), 0));
    Duration delay = Duration.between(pod.context().now(), first);
    schedule(delay.isNegative() ? Duration.ZERO : delay);
  }

  void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel();
    }
  }

  private void schedule(Duration delay) {
    if (!stopped) {
      timer = pod.context().scheduler().schedule(delay, () -> pod.executor().execute(this::tick));
    }
  }

  private Duration period() {
    return Duration.ofSeconds(Math.max(1, value(probe.getPeriodSeconds(), 10)));
  }

  private void tick() {
    if (stopped || slot.current != run || !run.running()) {
      return;
    }
    if (kind == Kind.STARTUP && slot.started) {
      return;
    }
    if (kind != Kind.STARTUP && !slot.started) {
      schedule(period());
      return;
    }
    check()
        .subscribe()
        .with(
            outcome -> pod.executor().execute(() -> record(outcome)),
            failure ->
                pod.executor()
                    .execute(() -> record(new Prober.Outcome(false, String.valueOf(failure)))));
  }

  private Uni<Prober.Outcome> check() {
    Duration timeout = Duration.ofSeconds(Math.max(1, value(probe.getTimeoutSeconds(), 1)));
    Prober prober = pod.context().prober;
    if (probe.getExec() != null) {
      var exec =
          new io.fabric8.kubernetes.api.model.ExecAction(
              pod.execCommand(slot, probe.getExec().getCommand()));
      return prober.exec(exec, target, timeout);
    }
    if (probe.getHttpGet() != null) {
      return prober.http(probe.getHttpGet(), target, timeout);
    }
    if (probe.getTcpSocket() != null) {
      return prober.tcp(probe.getTcpSocket(), target, timeout);
    }
    return Uni.createFrom()
        .item(new Prober.Outcome(false, "this agent supports exec, httpGet and tcpSocket probes"));
  }

  private void record(Prober.Outcome outcome) {
    if (stopped || slot.current != run || !run.running()) {
      return;
    }
    if (outcome.success()) {
      failures = 0;
      successes++;
      if (successes >= value(probe.getSuccessThreshold(), 1) && !Boolean.TRUE.equals(result)) {
        result = true;
        pod.onProbe(slot, run, kind, true, outcome.message());
      }
    } else {
      successes = 0;
      failures++;
      pod.unhealthy(slot, kind.label + " probe failed: " + outcome.message());
      if (failures >= value(probe.getFailureThreshold(), 3) && !Boolean.FALSE.equals(result)) {
        result = false;
        pod.onProbe(slot, run, kind, false, outcome.message());
        if (kind != Kind.READINESS) {
          stop();
          return;
        }
      }
    }
    if (!(kind == Kind.STARTUP && Boolean.TRUE.equals(result))) {
      schedule(period());
    }
  }

  private static int value(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }

  static List<Kind> kinds() {
    return List.of(Kind.STARTUP, Kind.LIVENESS, Kind.READINESS);
  }
}
