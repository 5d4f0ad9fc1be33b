package io.bosun.apiserver.endpoints.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EncodingTest {
  @Test
  void formatsAgesAsKubectlDoes() {
    assertThat(Encoding.humanDuration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Encoding.humanDuration(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(Encoding.humanDuration(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(Encoding.humanDuration(Duration.ofMinutes(5 * 60 + 7))).isEqualTo("5h7m");
    assertThat(Encoding.humanDuration(Duration.ofDays(3))).isEqualTo("3d");
  }

  @Test
  void recognisesTableAndAggregatedDiscoveryRequests() {
    assertThat(Encoding.wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json"))
        .isTrue();
    assertThat(Encoding.wantsTable("application/json")).isFalse();
    assertThat(
            Discovery.wantsAggregated(
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"))
        .isTrue();
    assertThat(Discovery.wantsAggregated("application/json")).isFalse();
  }
}
