package io.bosun.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TolerationsTest {
  static final Taint UNREACHABLE = taint(Taints.UNREACHABLE, null);
  static final Taint NOT_READY = taint(Taints.NOT_READY, null);

  static Taint taint(String key, String value) {
    return new TaintBuilder().withKey(key).withValue(value).withEffect("NoExecute").build();
  }

  static Toleration exists(String key, Long seconds) {
    return new TolerationBuilder()
        .withKey(key)
        .withOperator("Exists")
        .withEffect("NoExecute")
        .withTolerationSeconds(seconds)
        .build();
  }

  @Test
  void aPodOnANodeWithoutNoExecuteTaintsStays() {
    assertThat(Tolerations.verdict(List.of(), List.of())).isEqualTo(new Tolerations.Stay());
  }

  @Test
  void aTaintNoTolerationMatchesEvictsAtOnce() {
    assertThat(Tolerations.verdict(List.of(UNREACHABLE), List.of(exists(Taints.NOT_READY, 300L))))
        .isEqualTo(new Tolerations.EvictNow());
    assertThat(Tolerations.verdict(List.of(UNREACHABLE), List.of()))
        .isEqualTo(new Tolerations.EvictNow());
  }

  @Test
  void aTolerationWithoutSecondsKeepsThePodForEver() {
    assertThat(Tolerations.verdict(List.of(UNREACHABLE), List.of(exists(Taints.UNREACHABLE, null))))
        .isEqualTo(new Tolerations.Stay());
  }

  @Test
  void theShortestSecondsOfTheTolerationsUsedBoundTheStay() {
    List<Toleration> tolerations =
        List.of(exists(Taints.NOT_READY, 30L), exists(Taints.UNREACHABLE, 10L));

    assertThat(Tolerations.verdict(List.of(UNREACHABLE, NOT_READY), tolerations))
        .isEqualTo(new Tolerations.EvictAfter(Duration.ofSeconds(10)));
    assertThat(Tolerations.verdict(List.of(NOT_READY), tolerations))
        .as("the 10 s toleration is not used")
        .isEqualTo(new Tolerations.EvictAfter(Duration.ofSeconds(30)));
  }

  @Test
  void aForeverTolerationOfOneTaintDoesNotLengthenAnothersSeconds() {
    List<Toleration> tolerations =
        List.of(exists(Taints.NOT_READY, null), exists(Taints.UNREACHABLE, 5L));

    assertThat(Tolerations.verdict(List.of(UNREACHABLE, NOT_READY), tolerations))
        .isEqualTo(new Tolerations.EvictAfter(Duration.ofSeconds(5)));
  }

  @Test
  void onlyTheFirstTolerationMatchingATaintIsUsed() {
    Toleration everything = new TolerationBuilder().withOperator("Exists").build();

    assertThat(
            Tolerations.verdict(
                List.of(UNREACHABLE), List.of(everything, exists(Taints.UNREACHABLE, 5L))))
        .isEqualTo(new Tolerations.Stay());
    assertThat(
            Tolerations.verdict(
                List.of(UNREACHABLE), List.of(exists(Taints.UNREACHABLE, 5L), everything)))
        .isEqualTo(new Tolerations.EvictAfter(Duration.ofSeconds(5)));
  }

  @Test
  void zeroOrNegativeSecondsEvictAtOnce() {
    assertThat(Tolerations.verdict(List.of(UNREACHABLE), List.of(exists(Taints.UNREACHABLE, 0L))))
        .isEqualTo(new Tolerations.EvictNow());
    assertThat(Tolerations.verdict(List.of(UNREACHABLE), List.of(exists(Taints.UNREACHABLE, -3L))))
        .isEqualTo(new Tolerations.EvictNow());
  }

  @Test
  void equalNeedsTheSameValueAndEffectsMustMatch() {
    Taint dedicated = taint("dedicated", "db");
    Toleration equal =
        new TolerationBuilder()
            .withKey("dedicated")
            .withValue("db")
            .withEffect("NoExecute")
            .build();
    Toleration otherValue =
        new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue("web").build();
    Toleration noSchedule =
        new TolerationBuilder()
            .withKey("dedicated")
            .withOperator("Exists")
            .withEffect("NoSchedule")
            .build();
    Toleration anyEffect =
        new TolerationBuilder().withKey("dedicated").withOperator("Exists").build();

    assertThat(Tolerations.tolerates(equal, dedicated)).isTrue();
    assertThat(Tolerations.tolerates(otherValue, dedicated)).isFalse();
    assertThat(Tolerations.tolerates(noSchedule, dedicated)).isFalse();
    assertThat(Tolerations.tolerates(anyEffect, dedicated)).isTrue();
    assertThat(Tolerations.tolerates(anyEffect, UNREACHABLE)).isFalse();
  }
}
