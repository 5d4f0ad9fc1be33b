package io.bosun.controller.leaderelection.internal;

import io.bosun.controller.client.ConflictException;
import io.bosun.controller.leaderelection.LeaderCallbacks;
import io.bosun.controller.leaderelection.LeaderElectionOptions;
import io.bosun.controller.leaderelection.LeaderElector;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * The elector: one attempt at a time (get the Lease, then create or conditionally update it), each
 * settled under this object's lock; a watchdog steps the leader down when its renew deadline passes
 * without a renewal, even while a request hangs. Callbacks run outside the lock, in the order the
 * transitions were decided.
 */
public final class DefaultLeaderElector implements LeaderElector {
  private static final Logger LOG = Logger.getLogger(DefaultLeaderElector.class);

  private enum Attempt {
    ACQUIRED,
    HELD_BY_ANOTHER,
    FAILED
  }

  private final LeaseLock lock;
  private final LeaderElectionOptions options;
  private final String identity;
  private final Scheduler scheduler;
  private final DoubleSupplier random;
  private final SerialCallbacks callbacks;

  private boolean started;
  private boolean stopped;
  private boolean leader;

  /** Bumped by stop, so that attempts begun before it are ignored. */
  private long epoch;

  private LeaseRecord observed;
  private Instant observedAt;
  private Instant lastRenewal;
  private Cancellable nextAttempt;
  private Cancellable deadline;
  private Uni<Void> stopping;

  /**
   * An elector over {@code lock}; {@code random} gives numbers in [0, 1) for the standby's jitter.
   */
  public DefaultLeaderElector(
      LeaseLock lock,
      LeaderElectionOptions options,
      LeaderCallbacks callbacks,
      Scheduler scheduler,
      DoubleSupplier random) {
    this.lock = lock;
    this.options = options;
    this.identity = options.identity();
    this.scheduler = scheduler;
    this.random = random;
    this.callbacks = new SerialCallbacks(callbacks, lock.describe());
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the elector of " + lock.describe() + " was started");
    }
    started = true;
    nextAttempt = scheduler.schedule(Duration.ZERO, this::attempt);
  }

  @Override
  public synchronized boolean isLeader() {
    return leader;
  }

  @Override
  public synchronized Optional<String> leader() {
    return observed == null || observed.isFree()
        ? Optional.empty()
        : Optional.of(observed.holderIdentity());
  }

  private void attempt() {
    long attemptEpoch;
    synchronized (this) {
      if (stopped) {
        return;
      }
      attemptEpoch = epoch;
    }
    CompletableFuture<Attempt> outcome = new CompletableFuture<>();
    Cancellable request =
        tryAcquireOrRenew()
            .subscribe()
            .with(
                outcome::complete,
                failure -> {
                  LOG.debugf("Lease %s: attempt failed: %s", lock.describe(), failure);
                  outcome.complete(Attempt.FAILED);
                });
    // A hung request must not hold the loop: it counts as failed after the renew deadline.
    Cancellable timeout =
        scheduler.schedule(
            options.renewDeadline(),
            () -> {
              if (outcome.complete(Attempt.FAILED)) {
                request.cancel();
              }
            });
    outcome.thenAccept(
        result -> {
          timeout.cancel();
          settle(attemptEpoch, result);
        });
  }

  private Uni<Attempt> tryAcquireOrRenew() {
    return lock.get()
        .chain(
            found -> {
              Instant now = scheduler.clock().instant();
              if (found.isEmpty()) {
                LeaseRecord mine =
                    LeaseRules.claim(null, identity, now, options.leaseDurationSeconds());
                return lock.create(mine).map(created -> written(mine, now));
              }
              LeaseRecord record = LeaseRecord.of(found.get().getSpec());
              Instant seenAt = observe(record, now);
              if (LeaseRules.heldByAnother(record, seenAt, now, identity)) {
                return Uni.createFrom().item(Attempt.HELD_BY_ANOTHER);
              }
              LeaseRecord mine =
                  LeaseRules.claim(record, identity, now, options.leaseDurationSeconds());
              return lock.update(found.get(), mine).map(updated -> written(mine, now));
            });
  }

  /** Notes {@code record} as read at {@code now}; returns when it was first seen as it is. */
  private synchronized Instant observe(LeaseRecord record, Instant now) {
    if (!record.equals(observed)) {
      observed = record;
      observedAt = now;
    }
    return observedAt;
  }

  private Attempt written(LeaseRecord record, Instant now) {
    observe(record, now);
    return Attempt.ACQUIRED;
  }

  private void settle(long attemptEpoch, Attempt result) {
    synchronized (this) {
      if (stopped || attemptEpoch != epoch) {
        return;
      }
      settleLocked(result);
    }
    callbacks.drain();
  }

  private void settleLocked(Attempt result) {
    Instant now = scheduler.clock().instant();
    if (result == Attempt.ACQUIRED) {
      lastRenewal = now;
      if (!leader) {
        leader = true;
        LOG.infof("Lease %s: %s is the leader now", lock.describe(), identity);
        callbacks.add(true);
      }
      armDeadline(now);
    } else if (result == Attempt.HELD_BY_ANOTHER && leader) {
      stepDown("the Lease names another holder, " + observed.holderIdentity());
    }
    Duration wait = options.retryPeriod();
    if (!leader) {
      double jitter = LeaderElectionOptions.JITTER_FACTOR * random.getAsDouble();
      wait = wait.plusNanos((long) (wait.toNanos() * jitter));
    }
    nextAttempt = scheduler.schedule(wait, this::attempt);
  }

  private void armDeadline(Instant renewedAt) {
    if (deadline != null) {
      deadline.cancel();
    }
    long armedEpoch = epoch;
    deadline = scheduler.schedule(options.renewDeadline(), () -> expire(armedEpoch, renewedAt));
  }

  private void expire(long armedEpoch, Instant renewedAt) {
    synchronized (this) {
      if (stopped || armedEpoch != epoch || !leader || !renewedAt.equals(lastRenewal)) {
        return;
      }
      stepDown("it could not renew the Lease within " + options.renewDeadline());
    }
    callbacks.drain();
  }

  /** Under the lock: no longer the leader; the callback runs once the lock is released. */
  private void stepDown(String why) {
    leader = false;
    if (deadline != null) {
      deadline.cancel();
      deadline = null;
    }
    if (stopped) {
      LOG.infof("Lease %s: %s stopped leading: %s", lock.describe(), identity, why);
    } else {
      LOG.warnf("Lease %s: %s stopped leading: %s", lock.describe(), identity, why);
    }
    callbacks.add(false);
  }

  @Override
  public Uni<Void> stop() {
    boolean release;
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      if (stopping != null) {
        return stopping;
      }
      stopping = Uni.createFrom().completionStage(done);
      stopped = true;
      epoch++;
      if (nextAttempt != null) {
        nextAttempt.cancel();
      }
      release = leader && options.releaseOnStop();
      if (leader) {
        stepDown("the elector was stopped");
      }
    }
    callbacks.drain();
    if (!release) {
      done.complete(null);
      return stopping;
    }
    release()
        .subscribe()
        .with(
            released -> done.complete(null),
            failure -> {
              LOG.infof(
                  "Lease %s: could not release it (%s); standbys take over when it expires",
                  lock.describe(), failure.getMessage());
              done.complete(null);
            });
    return stopping;
  }

  /** Empties the holder if it is still us; a concurrent renewal of ours is retried over. */
  private Uni<Void> release() {
    return lock.get()
        .chain(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              Lease lease = found.get();
              LeaseRecord record = LeaseRecord.of(lease.getSpec());
              if (!record.holderIdentity().equals(identity)) {
                return Uni.createFrom().voidItem();
              }
              LeaseRecord free = LeaseRules.released(record, scheduler.clock().instant());
              return lock.update(lease, free).replaceWithVoid();
            })
        .onFailure(ConflictException.class)
        .retry()
        .atMost(2);
  }
}
