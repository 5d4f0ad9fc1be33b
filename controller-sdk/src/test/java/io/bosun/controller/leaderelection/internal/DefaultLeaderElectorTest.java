package io.bosun.controller.leaderelection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.leaderelection.LeaderCallbacks;
import io.bosun.controller.leaderelection.LeaderElectionOptions;
import io.bosun.controller.queue.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The election's state machine on a hand-moved clock, against a Lease held in memory. */
class DefaultLeaderElectorTest {
  private static final Duration LEASE = LeaderElectionOptions.DEFAULT_LEASE_DURATION;
  private static final Duration DEADLINE = LeaderElectionOptions.DEFAULT_RENEW_DEADLINE;
  private static final Duration RETRY = LeaderElectionOptions.DEFAULT_RETRY_PERIOD;

  private final ManualScheduler scheduler = new ManualScheduler();
  private final InMemoryLeaseLock.Store store = new InMemoryLeaseLock.Store();

  /** One replica: its view of the Lease, its elector, and the transitions it was told of. */
  private final class Candidate implements LeaderCallbacks {
    final InMemoryLeaseLock lock = new InMemoryLeaseLock(store);
    final List<String> transitions = new CopyOnWriteArrayList<>();
    final DefaultLeaderElector elector;
    Instant startedAt;
    Instant stoppedAt;

    Candidate(String identity, boolean releaseOnStop) {
      LeaderElectionOptions options =
          LeaderElectionOptions.builder("ns", "lease")
              .identity(identity)
              .releaseOnStop(releaseOnStop)
              .build();
      // No jitter: a standby retries every retry period exactly.
      elector = new DefaultLeaderElector(lock, options, this, scheduler, () -> 0);
    }

    Candidate(String identity) {
      this(identity, true);
    }

    @Override
    public void onStartedLeading() {
      transitions.add("started");
      startedAt = scheduler.clock().instant();
    }

    @Override
    public void onStoppedLeading() {
      transitions.add("stopped");
      stoppedAt = scheduler.clock().instant();
    }
  }

  private Instant now() {
    return scheduler.clock().instant();
  }

  @Test
  void createsAMissingLeaseAndLeadsAtOnce() {
    Candidate a = new Candidate("a");
    a.elector.start();
    scheduler.advance(Duration.ZERO);

    assertThat(a.elector.isLeader()).isTrue();
    assertThat(a.transitions).containsExactly("started");
    LeaseRecord record = store.record();
    assertThat(record.holderIdentity()).isEqualTo("a");
    assertThat(record.leaseDurationSeconds()).isEqualTo(15);
    assertThat(record.acquireTime()).isEqualTo(now()).isEqualTo(record.renewTime());
    assertThat(record.leaseTransitions()).isZero();
    assertThat(a.elector.leader()).contains("a");
  }

  @Test
  void renewsEveryRetryPeriodKeepingItsAcquireTime() {
    Candidate a = new Candidate("a");
    a.elector.start();
    scheduler.advance(Duration.ZERO);
    Instant acquired = now();

    scheduler.advance(RETRY.multipliedBy(3));

    LeaseRecord record = store.record();
    assertThat(record.renewTime()).isEqualTo(now());
    assertThat(record.acquireTime()).isEqualTo(acquired);
    assertThat(record.leaseTransitions()).isZero();
    assertThat(a.transitions).containsExactly("started");
  }

  @Test
  void aStandbyTakesOverOnlyALeaseDurationAfterItSawTheLastRenewal() {
    Candidate a = new Candidate("a");
    Candidate b = new Candidate("b");
    a.elector.start();
    b.elector.start();
    scheduler.advance(RETRY.multipliedBy(2));
    assertThat(b.elector.isLeader()).isFalse();
    assertThat(b.elector.leader()).contains("a");

    a.lock.mode(InMemoryLeaseLock.Mode.FAILING);
    Instant lastRenewal = store.record().renewTime();
    scheduler.advance(LEASE.plus(RETRY.multipliedBy(3)));

    // The old leader gave up at its renew deadline, before the standby could take over.
    assertThat(a.transitions).containsExactly("started", "stopped");
    assertThat(a.stoppedAt).isEqualTo(lastRenewal.plus(DEADLINE));
    assertThat(b.transitions).containsExactly("started");
    assertThat(b.startedAt).isAfterOrEqualTo(lastRenewal.plus(LEASE));
    assertThat(b.startedAt).isBeforeOrEqualTo(lastRenewal.plus(LEASE).plus(RETRY.multipliedBy(2)));
    assertThat(store.record().holderIdentity()).isEqualTo("b");
    assertThat(store.record().leaseTransitions()).isEqualTo(1);
    assertThat(store.record().acquireTime()).isEqualTo(b.startedAt);
  }

  @Test
  void aLeaderWhoseRequestHangsStepsDownAtItsRenewDeadline() {
    Candidate a = new Candidate("a");
    a.elector.start();
    scheduler.advance(Duration.ZERO);
    Instant lastRenewal = now();

    a.lock.mode(InMemoryLeaseLock.Mode.HANGING);
    scheduler.advance(DEADLINE.minusMillis(1));
    assertThat(a.elector.isLeader()).isTrue();
    scheduler.advance(Duration.ofMillis(1));

    assertThat(a.elector.isLeader()).isFalse();
    assertThat(a.stoppedAt).isEqualTo(lastRenewal.plus(DEADLINE));
  }

  @Test
  void aLeaderThatLostTheLeaseGoesBackToStandbyAndLeadsAgainWhenItCan() {
    Candidate a = new Candidate("a");
    a.elector.start();
    scheduler.advance(Duration.ZERO);

    a.lock.mode(InMemoryLeaseLock.Mode.FAILING);
    scheduler.advance(DEADLINE.plus(RETRY));
    assertThat(a.elector.isLeader()).isFalse();

    a.lock.mode(InMemoryLeaseLock.Mode.UP);
    scheduler.advance(RETRY.multipliedBy(2));

    // The Lease still named it, so it renews it as its own: no new transition.
    assertThat(a.transitions).containsExactly("started", "stopped", "started");
    assertThat(store.record().leaseTransitions()).isZero();
  }

  @Test
  void stepsDownAtOnceWhenTheLeaseNamesAnotherHolder() {
    Candidate a = new Candidate("a");
    a.elector.start();
    scheduler.advance(Duration.ZERO);

    store.write(store.read().orElseThrow(), LeaseRules.claim(store.record(), "x", now(), 15));
    scheduler.advance(RETRY);

    assertThat(a.transitions).containsExactly("started", "stopped");
    assertThat(a.elector.leader()).contains("x");
  }

  @Test
  void aWriteRacedByAnotherCandidateLosesOnTheResourceVersion() {
    Candidate a = new Candidate("a");
    Candidate b = new Candidate("b");
    a.elector.start();
    scheduler.advance(Duration.ZERO);
    a.lock.mode(InMemoryLeaseLock.Mode.FAILING);
    b.elector.start();
    scheduler.advance(LEASE.minusMillis(1));
    assertThat(a.elector.isLeader()).isFalse();
    assertThat(b.elector.isLeader()).isFalse();

    // b finds the Lease expired, but c writes it between b's read and b's write.
    store.beforeNextWrite(
        () -> store.write(store.read().orElseThrow(), LeaseRules.claim(null, "c", now(), 15)));
    scheduler.advance(RETRY);

    assertThat(b.elector.isLeader()).isFalse();
    assertThat(store.record().holderIdentity()).isEqualTo("c");
  }

  @Test
  void stoppingTheLeaderReleasesTheLeaseSoAStandbyTakesOverAtItsNextAttempt() {
    Candidate a = new Candidate("a");
    Candidate b = new Candidate("b");
    a.elector.start();
    b.elector.start();
    scheduler.advance(RETRY);

    a.elector.stop().await().indefinitely();
    LeaseRecord released = store.record();
    assertThat(released.holderIdentity()).isEmpty();
    assertThat(released.leaseDurationSeconds()).isEqualTo(1);
    Instant stoppedAt = now();
    scheduler.advance(RETRY);

    assertThat(a.transitions).containsExactly("started", "stopped");
    assertThat(b.elector.isLeader()).isTrue();
    assertThat(b.startedAt).isBeforeOrEqualTo(stoppedAt.plus(RETRY));
    assertThat(store.record().leaseTransitions()).isEqualTo(1);
  }

  @Test
  void aLeaderStoppedWithoutReleaseLeavesTheLeaseToExpire() {
    Candidate a = new Candidate("a", false);
    a.elector.start();
    scheduler.advance(Duration.ZERO);

    a.elector.stop().await().indefinitely();

    assertThat(a.transitions).containsExactly("started", "stopped");
    assertThat(store.record().holderIdentity()).isEqualTo("a");
    scheduler.advance(LEASE);
    assertThat(store.record().renewTime()).isBefore(now().minus(DEADLINE));
  }

  @Test
  void startsOnceAndStopsIdempotently() {
    Candidate a = new Candidate("a");
    a.elector.start();
    assertThatThrownBy(a.elector::start).isInstanceOf(IllegalStateException.class);
    scheduler.advance(Duration.ZERO);

    a.elector.stop().await().indefinitely();
    a.elector.stop().await().indefinitely();

    assertThat(a.transitions).containsExactly("started", "stopped");
    assertThat(scheduler.pendingTasks()).isZero();
  }
}
