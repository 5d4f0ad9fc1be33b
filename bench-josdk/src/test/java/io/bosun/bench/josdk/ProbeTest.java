package io.bosun.bench.josdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeTest {

  @Test
  void completesWhenEveryItemWasReconciledAtTheExpectedRound() {
    Probe probe = new Probe(3);
    probe.observe(item(0, 0, 0));
    probe.observe(item(1, 0, 0));
    probe.observe(item(1, 0, 0));
    assertThat(probe.allAtTarget()).isNotDone();
    probe.observe(item(2, 0, 0));
    assertThat(probe.allAtTarget()).isDone();
    assertThat(probe.reconciles()).isEqualTo(4);
    assertThat(probe.firstMicros()).isPositive();

    probe.expect(1);
    probe.observe(item(0, 0, 0));
    probe.observe(item(0, 1, 0));
    probe.observe(item(1, 1, 0));
    assertThat(probe.allAtTarget()).isNotDone();
    probe.observe(item(2, 2, 0));
    assertThat(probe.allAtTarget()).isDone();
  }

  @Test
  void recordsEachStampOnceAndOnlyWhileRecording() {
    Probe probe = new Probe(2);
    long stamp = WallClock.micros();
    probe.observe(item(0, 0, stamp));
    LatencyHistogram histogram = probe.recordLatencies();
    probe.observe(item(0, 0, stamp + 1));
    probe.observe(item(0, 0, stamp + 1));
    probe.observe(item(1, 0, stamp + 2));
    assertThat(probe.stopLatencies()).isSameAs(histogram);
    probe.observe(item(1, 0, stamp + 3));
    assertThat(histogram.count()).isEqualTo(2);
  }

  @Test
  void theGateHoldsReconcilesUntilOpened() {
    Probe probe = new Probe(1);
    assertThat(probe.gate()).isDone();
    probe.closeGate();
    assertThat(probe.gate()).isNotDone();
    probe.openGate();
    assertThat(probe.gate()).isDone();
  }

  private static BenchItem item(int index, long round, long stamp) {
    BenchItem item = BenchCluster.item("bench", index);
    item.getSpec().setRound(round);
    item.getSpec().setStamp(stamp);
    return item;
  }
}
