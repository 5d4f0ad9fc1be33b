package io.bosun.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {
  @Test
  void formatsDurationsAsKubectlDoes() {
    assertThat(Ages.humanDuration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Ages.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(Ages.humanDuration(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(Ages.humanDuration(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(Ages.humanDuration(Duration.ofMinutes(5 * 60 + 7))).isEqualTo("5h7m");
    assertThat(Ages.humanDuration(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(Ages.humanDuration(Duration.ofHours(3 * 24 + 4))).isEqualTo("3d4h");
    assertThat(Ages.humanDuration(Duration.ofDays(3))).isEqualTo("3d");
    assertThat(Ages.humanDuration(Duration.ofDays(400))).isEqualTo("400d");
    assertThat(Ages.humanDuration(Duration.ofDays(3 * 365 + 5))).isEqualTo("3y5d");
    assertThat(Ages.humanDuration(Duration.ofDays(9 * 365))).isEqualTo("9y");
  }

  @Test
  void toleratesASecondOfClockSkewButNotMore() {
    assertThat(Ages.humanDuration(Duration.ofMillis(-1500))).isEqualTo("0s");
    assertThat(Ages.humanDuration(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
  }

  @Test
  void aMissingOrUnreadableTimestampIsUnknown() {
    Instant now = Instant.parse("2025-01-01T00:01:00Z");
    assertThat(Ages.since(TextNode.valueOf("2025-01-01T00:00:00Z"), now)).isEqualTo("60s");
    assertThat(Ages.since(TextNode.valueOf("yesterday"), now)).isEqualTo("<unknown>");
    assertThat(Ages.since(null, now)).isEqualTo("<unknown>");
  }
}
