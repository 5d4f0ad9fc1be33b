package io.bosun.agent.pod;

import static io.bosun.agent.testing.AgentFixture.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A deleted pod's containers stop only once its traffic has been drained, or the wait is over. */
class PodDrainTest {
  /** Records the drain calls; each draining completes when the test says so. */
  static final class HeldDrain implements PodDrain {
    final List<String> draining = new CopyOnWriteArrayList<>();
    final List<String> gone = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> release = new CompletableFuture<>();

    @Override
    public CompletionStage<Void> draining(String podIP) {
      draining.add(podIP);
      return release;
    }

    @Override
    public void gone(String podIP) {
      gone.add(podIP);
    }
  }

  final HeldDrain drain = new HeldDrain();
  @RegisterExtension final AgentFixture agent = AgentFixture.realTime().withDrain(drain);

  @Test
  void aDeletedPodStopsOnceItsTrafficIsDrainedAndItsAddressIsReleasedWhenGone() throws Exception {
    Pod pod = agent.run(Pods.pod("drained", Pods.shell("main", "sleep 1000")).build());
    String ip = agent.awaitStatus(pod, running("main")).getPodIP();

    agent.runtime.syncPod(deleted(pod));
    await().atMost(AgentFixture.WAIT).until(() -> drain.draining.contains(ip));
    Thread.sleep(300);
    assertThat(agent.listener.events(Pods.uid(pod)))
        .extracting(PodEvent::reason)
        .as("nothing is killed while the traffic drains")
        .doesNotContain("Killing");
    assertThat(agent.listener.status(Pods.uid(pod))).satisfies(running("main")::test);

    drain.release.complete(null);
    await().atMost(AgentFixture.WAIT).until(() -> agent.listener.update(Pods.uid(pod)).deletable());
    assertThat(drain.gone).isEmpty();
    agent.runtime.removePod(Pods.uid(pod)).await().atMost(AgentFixture.WAIT);
    assertThat(drain.draining).containsExactly(ip);
    assertThat(drain.gone).containsExactly(ip);
  }

  @Test
  void aDrainThatNeverEndsHoldsThePodForOneSecondOnly() {
    Pod pod = agent.run(Pods.pod("stuck", Pods.shell("main", "sleep 1000")).build());
    agent.awaitStatus(pod, running("main"));

    Instant deleted = Instant.now();
    agent.runtime.syncPod(deleted(pod));
    await().atMost(AgentFixture.WAIT).until(() -> agent.listener.update(Pods.uid(pod)).deletable());
    // sleep dies of SIGTERM at once: what passed is the drain wait and the runtime's own work.
    assertThat(Duration.between(deleted, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
        .isLessThan(Duration.ofSeconds(10));
  }

  private static Pod deleted(Pod pod) {
    return new PodBuilder(pod)
        .editMetadata()
        .withDeletionTimestamp(Instant.now().toString())
        .withDeletionGracePeriodSeconds(30L)
        .endMetadata()
        .build();
  }
}
