package io.bosun.bench.josdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreTheUpperEdgesOfTenMicrosecondBuckets() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int micros = 1; micros <= 1000; micros++) {
      histogram.record(micros);
    }
    assertThat(histogram.count()).isEqualTo(1000);
    assertThat(histogram.percentileMicros(50)).isEqualTo(510);
    assertThat(histogram.percentileMicros(99)).isEqualTo(1000);
    assertThat(histogram.maxMicros()).isEqualTo(1000);
  }

  @Test
  void latenciesBeyondTheLastBucketReportTheMaximum() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(5);
    histogram.record(60_000_000);
    assertThat(histogram.percentileMicros(100)).isEqualTo(60_000_000);
    assertThat(histogram.summary()).isEqualTo("2 10 60000000 60000000 60000000");
  }

  @Test
  void aClockStepBackCountsAsZero() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(-40);
    assertThat(histogram.percentileMicros(50)).isEqualTo(10);
    assertThat(histogram.maxMicros()).isZero();
  }

  @Test
  void anEmptyHistogramHasNoPercentiles() {
    assertThat(new LatencyHistogram().percentileMicros(99)).isEqualTo(-1);
  }
}
