package io.bosun.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintSightingsTest {
  static final Instant ADDED = Instant.parse("2026-01-02T03:04:05Z");

  static Taint taint(String key, String added) {
    return new TaintBuilder().withKey(key).withEffect("NoExecute").withTimeAdded(added).build();
  }

  @Test
  void aTaintSeenAsItArrivesCountsFromTheSighting() {
    Instant sighted = ADDED.plusMillis(1_050);

    assertThat(TaintSightings.start(ADDED.toString(), sighted))
        .as("written in the second before it was stored")
        .isEqualTo(sighted);
    assertThat(TaintSightings.start(ADDED.toString(), ADDED.minusSeconds(2)))
        .as("seen by a clock behind the one that added it")
        .isEqualTo(ADDED.minusSeconds(2));
  }

  @Test
  void aTaintFoundLongAfterItWasAddedCountsFromTheEndOfItsSecond() {
    assertThat(TaintSightings.start(ADDED.toString(), ADDED.plusSeconds(90)))
        .isEqualTo(ADDED.plusSeconds(1));
  }

  @Test
  void aTaintWithoutTimeAddedCountsFromItsFirstSighting() {
    TaintSightings sightings = new TaintSightings();
    Taint untimed = taint("dedicated", null);

    assertThat(sightings.since("n", List.of(untimed), ADDED)).isEqualTo(ADDED);
    assertThat(sightings.since("n", List.of(untimed), ADDED.plusSeconds(5))).isEqualTo(ADDED);
  }

  @Test
  void theEarliestTaintCountsAndGoneTaintsAreForgotten() {
    TaintSightings sightings = new TaintSightings();
    Taint untimed = taint("dedicated", null);
    Taint unreachable = taint(Taints.UNREACHABLE, ADDED.minusSeconds(60).toString());

    assertThat(sightings.since("n", List.of(untimed, unreachable), ADDED))
        .isEqualTo(ADDED.minusSeconds(59));
    assertThat(sightings.since("n", List.of(unreachable), ADDED.plusSeconds(1)))
        .isEqualTo(ADDED.minusSeconds(59));
    assertThat(sightings.since("n", List.of(untimed), ADDED.plusSeconds(2)))
        .as("seen again after it was gone")
        .isEqualTo(ADDED.plusSeconds(2));
  }
}
