package io.bosun.controller.leaderelection;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.leaderelection.internal.ClientLeaseLock;
import io.bosun.controller.leaderelection.internal.DefaultLeaderElector;
import io.bosun.controller.queue.Scheduler;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Contends for a coordination.k8s.io/v1 Lease with the other replicas of a controller deployment,
 * so that one of them at a time leads. The leader renews the Lease every retry period and steps
 * down when it cannot within the renew deadline; a standby takes the Lease over once it has seen no
 * renewal for the lease duration, or at once when the leader released it. Writes are conditional on
 * the resourceVersion read, so two candidates never both win the same version. Losing the Lease
 * never ends the process: the elector tells its callbacks and goes on as a standby.
 *
 * <pre>{@code
 * LeaderElector elector = LeaderElector.create(client,
 *     LeaderElectionOptions.builder("operators", "web-operator").build(),
 *     new LeaderCallbacks() {
 *       public void onStartedLeading() { controller.start(sources); }
 *       public void onStoppedLeading() { controller.stop().subscribe().with(done -> {}); }
 *     });
 * elector.start();
 * }</pre>
 */
public interface LeaderElector {

  /** An elector on the system clock. */
  static LeaderElector create(
      KubeClient client, LeaderElectionOptions options, LeaderCallbacks callbacks) {
    return create(client, options, callbacks, Scheduler.system());
  }

  /** An elector whose clock and timers are {@code scheduler}'s. */
  static LeaderElector create(
      KubeClient client,
      LeaderElectionOptions options,
      LeaderCallbacks callbacks,
      Scheduler scheduler) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(callbacks, "callbacks");
    Objects.requireNonNull(scheduler, "scheduler");
    return new DefaultLeaderElector(
        new ClientLeaseLock(client, options.leaseNamespace(), options.leaseName()),
        options,
        callbacks,
        scheduler,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** This candidate's holder identity. */
  String identity();

  /**
   * Starts contending: the first attempt is made at once.
   *
   * @throws IllegalStateException if the elector was started before
   */
  void start();

  /** Whether this candidate leads now. */
  boolean isLeader();

  /** The holder the Lease named when last read; empty if none or not read yet. */
  Optional<String> leader();

  /**
   * Stops contending. A leader steps down ({@link LeaderCallbacks#onStoppedLeading()}) and, if
   * {@link LeaderElectionOptions#releaseOnStop()}, empties the Lease's holder so that a standby
   * takes over at its next attempt. Idempotent.
   *
   * @return completes once the Lease is released (or releasing failed: it then expires)
   */
  @CheckReturnValue
  Uni<Void> stop();
}
