package io.bosun.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResultTest {

  @Test
  void doneAsksForNoRequeue() {
    assertThat(Result.done().isDone()).isTrue();
    assertThat(Result.done().requeueAfter()).isEmpty();
  }

  @Test
  void requeueAfterCarriesItsDelay() {
    Result result = Result.requeueAfter(Duration.ofSeconds(30));

    assertThat(result.isDone()).isFalse();
    assertThat(result.requeueAfter()).contains(Duration.ofSeconds(30));
    assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofSeconds(30)));
    assertThat(result).isNotEqualTo(Result.done());
  }

  @Test
  void requeueAfterZeroMeansAtOnceAndIsNotDone() {
    assertThat(Result.requeueAfter(Duration.ZERO).isDone()).isFalse();
  }

  @Test
  void rejectsANegativeOrMissingDelay() {
    assertThatThrownBy(() -> Result.requeueAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Result.requeueAfter(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void describesItselfByItsFactory() {
    assertThat(Result.done()).hasToString("Result.done()");
    assertThat(Result.requeueAfter(Duration.ofMinutes(1))).hasToString("Result.requeueAfter(PT1M)");
  }
}
