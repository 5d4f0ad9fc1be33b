package io.bosun.controller.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpamFilterTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ObjectRef A = new ObjectRef("v1", "ConfigMap", "ns", "a", "1");
  private static final ObjectRef B = new ObjectRef("v1", "ConfigMap", "ns", "b", "2");

  @Test
  void allowsABurstPerObjectThenOnePerRefillInterval() {
    SpamFilter filter = new SpamFilter(2, Duration.ofMinutes(5));

    assertThat(filter.allow(A, T0)).isTrue();
    assertThat(filter.allow(A, T0)).isTrue();
    assertThat(filter.allow(A, T0)).isFalse();
    assertThat(filter.allow(B, T0)).isTrue();
    assertThat(filter.allow(A, T0.plus(Duration.ofMinutes(4)))).isFalse();
    assertThat(filter.allow(A, T0.plus(Duration.ofMinutes(5)))).isTrue();
    assertThat(filter.allow(A, T0.plus(Duration.ofMinutes(5)))).isFalse();
  }
}
