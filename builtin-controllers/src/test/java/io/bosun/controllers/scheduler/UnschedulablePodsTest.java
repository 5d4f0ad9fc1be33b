package io.bosun.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.reconcile.Request;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnschedulablePodsTest {
  private static final Request POD = Request.of("ns", "p");
  private final UnschedulablePods pods =
      new UnschedulablePods(Duration.ofSeconds(1), Duration.ofSeconds(10));

  @Test
  void doublesTheBackoffAfterEachFailureUpToTheMaximum() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(pods.failed(POD, now)).isEqualTo(Duration.ofSeconds(1));
    assertThat(pods.failed(POD, now)).isEqualTo(Duration.ofSeconds(2));
    assertThat(pods.failed(POD, now)).isEqualTo(Duration.ofSeconds(4));
    assertThat(pods.failed(POD, now)).isEqualTo(Duration.ofSeconds(8));
    assertThat(pods.failed(POD, now)).isEqualTo(Duration.ofSeconds(10));
    assertThat(pods.failed(POD, now)).isEqualTo(Duration.ofSeconds(10));
    assertThat(pods.backoff(100)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void holdsAPodUntilItsBackoffHasPassedAndForgetsItOncePlaced() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    pods.failed(POD, now);
    pods.failed(POD, now);

    assertThat(pods.waitLeft(POD, now.plusMillis(500))).contains(Duration.ofMillis(1500));
    assertThat(pods.waitLeft(POD, now.plusSeconds(2))).isEmpty();
    assertThat(pods.changed()).containsExactly(POD);
    pods.forget(POD);
    assertThat(pods.changed()).isEmpty();
    assertThat(pods.failed(POD, now)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void countsEachChangeSoThatAnAttemptCanTellItMissedOne() {
    long before = pods.changes();

    assertThat(pods.changed()).isEmpty();
    pods.changed();

    assertThat(pods.changes()).isEqualTo(before + 2);
  }
}
