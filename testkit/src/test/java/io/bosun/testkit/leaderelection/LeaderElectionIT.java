package io.bosun.testkit.leaderelection;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.manager.ManagerStatus.Leadership;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two managers in one JVM contend for one Lease on a real apiserver. */
@BosunTest
class LeaderElectionIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static LeaseSpec lease(KubeClient client, TestNamespace ns) {
    return client
        .resources(Lease.class)
        .get(ns.name(), Replica.LEASE_NAME)
        .await()
        .atMost(WAIT)
        .getSpec();
  }

  /** Starts both replicas and waits until one leads; returns the leader first. */
  private static List<Replica> elect(Replica a, Replica b) {
    a.manager.start().await().atMost(WAIT);
    b.manager.start().await().atMost(WAIT);
    await().atMost(WAIT).until(() -> a.leads() || b.leads());
    return a.leads() ? List.of(a, b) : List.of(b, a);
  }

  @Test
  void onlyTheLeaderReconcilesAndAStandbyTakesOverWithinTheLeaseDuration(
      KubeClient client, TestNamespace ns) {
    Replica a = new Replica(client, ns.name(), "replica-a", true);
    Replica b = new Replica(client, ns.name(), "replica-b", true);
    List<Replica> elected = elect(a, b);
    Replica leader = elected.get(0);
    Replica standby = elected.get(1);
    try {
      assertThat(standby.leadership()).isEqualTo(Leadership.STANDBY);
      assertThat(standby.manager.status().informersSynced()).isTrue(); // warm before leading
      assertThat(standby.manager.status().ready()).isTrue();
      LeaseSpec held = lease(client, ns);
      assertThat(held.getHolderIdentity()).isEqualTo(leader.identity);
      assertThat(held.getLeaseDurationSeconds()).isEqualTo(2);
      assertThat(held.getLeaseTransitions()).isZero();

      client
          .resources(ConfigMap.class)
          .create(configMap(ns.name(), "x", Map.of()))
          .await()
          .atMost(WAIT);
      await().atMost(WAIT).until(() -> leader.reconciled.contains("x"));
      assertThat(standby.reconciled).isEmpty();
      assertThat(standby.controllerRuns()).isFalse();

      long stopped = System.nanoTime();
      leader.manager.stop().await().atMost(WAIT);
      await().atMost(WAIT).until(standby::leads);
      Duration takeover = Duration.ofNanos(System.nanoTime() - stopped);

      assertThat(takeover).isLessThan(Replica.LEASE);
      // The new leader's controller starts from its warm cache: every object is reconciled.
      await().atMost(WAIT).until(() -> standby.reconciled.contains("x"));
      System.out.printf(
          "Released lease taken over after %d ms, first reconcile after %d ms%n",
          takeover.toMillis(), (System.nanoTime() - stopped) / 1_000_000);
      LeaseSpec taken = lease(client, ns);
      assertThat(taken.getHolderIdentity()).isEqualTo(standby.identity);
      assertThat(taken.getLeaseTransitions()).isEqualTo(1);
      assertThat(taken.getAcquireTime()).isNotNull();
    } finally {
      a.manager.stop().await().atMost(WAIT);
      b.manager.stop().await().atMost(WAIT);
    }
  }

  @Test
  void aLeaderGoneWithoutReleasingIsReplacedOnceTheLeaseExpires(
      KubeClient client, TestNamespace ns) {
    Replica a = new Replica(client, ns.name(), "replica-a", false);
    Replica b = new Replica(client, ns.name(), "replica-b", false);
    List<Replica> elected = elect(a, b);
    Replica leader = elected.get(0);
    Replica standby = elected.get(1);
    try {
      long stopped = System.nanoTime();
      leader.manager.stop().await().atMost(WAIT);
      assertThat(lease(client, ns).getHolderIdentity()).isEqualTo(leader.identity);
      await().atMost(WAIT).until(standby::leads);
      Duration takeover = Duration.ofNanos(System.nanoTime() - stopped);
      System.out.printf("Expired lease taken over after %d ms%n", takeover.toMillis());

      // It waited for the Lease to expire: at least the lease duration after the last renewal
      // it saw, which came at most a retry period (and jitter) before the stop.
      assertThat(takeover).isGreaterThan(Replica.LEASE.minus(Replica.RETRY.multipliedBy(3)));
      assertThat(lease(client, ns).getHolderIdentity()).isEqualTo(standby.identity);
    } finally {
      a.manager.stop().await().atMost(WAIT);
      b.manager.stop().await().atMost(WAIT);
    }
  }

  @Test
  void aLeaderThatLosesTheLeaseStopsItsControllersStandsByAndLeadsAgainLater(
      KubeClient client, TestNamespace ns) {
    Replica a = new Replica(client, ns.name(), "replica-a", true);
    a.manager.start().await().atMost(WAIT);
    try {
      await().atMost(WAIT).until(a::leads);
      await().atMost(WAIT).until(a::controllerRuns);

      // Another candidate (outside this JVM) takes the Lease over.
      client
          .resources(Lease.class)
          .patch(
              ns.name(),
              Replica.LEASE_NAME,
              Patch.merge(
                  "{\"spec\":{\"holderIdentity\":\"intruder\",\"leaseDurationSeconds\":2}}"))
          .await()
          .atMost(WAIT);
      await().atMost(WAIT).until(() -> a.leadership() == Leadership.STANDBY);
      await().atMost(WAIT).until(() -> !a.controllerRuns());
      assertThat(a.manager.status().phase().name()).isEqualTo("RUNNING");

      // The intruder never renews: once its claim expires, the replica leads again and its
      // controller, started anew, reconciles what is there.
      a.reconciled.clear();
      client
          .resources(ConfigMap.class)
          .create(configMap(ns.name(), "after", Map.of()))
          .await()
          .atMost(WAIT);
      await().atMost(WAIT).until(a::leads);
      await().atMost(WAIT).until(() -> a.reconciled.contains("after"));
      assertThat(lease(client, ns).getHolderIdentity()).isEqualTo("replica-a");
    } finally {
      a.manager.stop().await().atMost(WAIT);
    }
  }
}
