package io.bosun.controller.leaderelection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.controller.client.internal.Json;
import io.bosun.controller.leaderelection.LeaderElectionOptions;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseRulesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

  @Test
  void anotherHoldersClaimLastsItsDurationFromWhenTheChangeWasSeen() {
    LeaseRecord held = new LeaseRecord("a", 15, T0, T0, 0);

    assertThat(LeaseRules.heldByAnother(held, T0, T0.plusSeconds(14), "b")).isTrue();
    assertThat(LeaseRules.heldByAnother(held, T0, T0.plusSeconds(15), "b")).isFalse();
    // Seen later than written: the wait starts when seen (no trust in the writer's clock).
    assertThat(LeaseRules.heldByAnother(held, T0.plusSeconds(10), T0.plusSeconds(20), "b"))
        .isTrue();
  }

  @Test
  void ownAndFreeLeasesAreNotHeldByAnother() {
    assertThat(LeaseRules.heldByAnother(new LeaseRecord("a", 15, T0, T0, 0), T0, T0, "a"))
        .isFalse();
    assertThat(LeaseRules.heldByAnother(new LeaseRecord("", 1, T0, T0, 3), T0, T0, "a")).isFalse();
  }

  @Test
  void aRenewalKeepsTheAcquireTimeAndTransitionsAndATakeoverCountsOne() {
    LeaseRecord mine = new LeaseRecord("a", 15, T0, T0, 4);
    Instant later = T0.plusSeconds(2);

    assertThat(LeaseRules.claim(mine, "a", later, 15))
        .isEqualTo(new LeaseRecord("a", 15, T0, later, 4));
    assertThat(LeaseRules.claim(mine, "b", later, 20))
        .isEqualTo(new LeaseRecord("b", 20, later, later, 5));
    assertThat(LeaseRules.claim(null, "b", later, 20))
        .isEqualTo(new LeaseRecord("b", 20, later, later, 0));
  }

  @Test
  void aReleaseFreesTheLeaseForOneSecondAndKeepsTheTransitions() {
    LeaseRecord released = LeaseRules.released(new LeaseRecord("a", 15, T0, T0, 4), T0);

    assertThat(released.isFree()).isTrue();
    assertThat(released.leaseDurationSeconds()).isEqualTo(1);
    assertThat(released.leaseTransitions()).isEqualTo(4);
  }

  @Test
  void timesAreWrittenAsMicroTimeAndReadBack() throws Exception {
    Lease lease = new Lease();
    lease.setSpec(new LeaseRecord("a", 15, T0, T0, 0).toSpec());

    JsonNode spec = Json.MAPPER.valueToTree(lease).path("spec");

    assertThat(spec.path("renewTime").asText()).isEqualTo("2026-01-01T00:00:00.123456Z");
    assertThat(spec.path("acquireTime").asText()).isEqualTo("2026-01-01T00:00:00.123456Z");
    Lease read = Json.MAPPER.treeToValue(Json.MAPPER.valueToTree(lease), Lease.class);
    assertThat(LeaseRecord.of(read.getSpec()).renewTime())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
  }

  @Test
  void optionsFollowClientGosDefaultsAndRules() {
    LeaderElectionOptions defaults = LeaderElectionOptions.builder("ns", "lease").build();

    assertThat(defaults.leaseDuration()).hasSeconds(15);
    assertThat(defaults.renewDeadline()).hasSeconds(10);
    assertThat(defaults.retryPeriod()).hasSeconds(2);
    assertThat(defaults.releaseOnStop()).isTrue();
    assertThat(defaults.identity()).contains("_");
    assertThat(
            LeaderElectionOptions.builder("ns", "lease")
                .timing(Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofMillis(200))
                .build()
                .leaseDurationSeconds())
        .isEqualTo(2);
    assertThatThrownBy(
            () ->
                LeaderElectionOptions.builder("ns", "lease")
                    .timing(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("renewDeadline");
    assertThatThrownBy(
            () ->
                LeaderElectionOptions.builder("ns", "lease")
                    .timing(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.2");
  }
}
