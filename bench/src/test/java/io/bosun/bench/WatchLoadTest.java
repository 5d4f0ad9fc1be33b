package io.bosun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WatchLoadTest {
  private static final byte[] RV = "\"resourceVersion\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STAMP = "\"stamp\"".getBytes(StandardCharsets.US_ASCII);

  @Test
  void readsNumbersFromJsonbTextWithSpaces() {
    byte[] line =
        ("{\"type\":\"ADDED\",\"object\":{\"data\": {\"stamp\": \"123456789\"},"
                + " \"metadata\": {\"name\": \"w-1\", \"resourceVersion\": \"5012\"}}}\n")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(WatchLoad.numberAfter(line, RV)).isEqualTo(5012);
    assertThat(WatchLoad.numberAfter(line, STAMP)).isEqualTo(123456789);
  }

  @Test
  void readsNumbersFromCompactJson() {
    byte[] line = "{\"metadata\":{\"resourceVersion\":\"9\"}}".getBytes(StandardCharsets.UTF_8);

    assertThat(WatchLoad.numberAfter(line, RV)).isEqualTo(9);
    assertThat(WatchLoad.numberAfter(line, STAMP)).isEqualTo(-1);
  }
}
