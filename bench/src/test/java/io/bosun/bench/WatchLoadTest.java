package io.bosun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchLoadTest {
  private static final String RV = "\"resourceVersion\"";
  private static final String STAMP = "\"stamp\"";

  @Test
  void readsNumbersFromJsonbTextWithSpaces() {
    String line =
        "{\"type\":\"ADDED\",\"object\":{\"data\": {\"stamp\": \"123456789\"},"
            + " \"metadata\": {\"name\": \"w-1\", \"resourceVersion\": \"5012\"}}}";

    assertThat(WatchLoad.numberAfter(line, RV)).isEqualTo(5012);
    assertThat(WatchLoad.numberAfter(line, STAMP)).isEqualTo(123456789);
  }

  @Test
  void readsNumbersFromCompactJson() {
    String line = "{\"metadata\":{\"resourceVersion\":\"9\"}}";

    assertThat(WatchLoad.numberAfter(line, RV)).isEqualTo(9);
    assertThat(WatchLoad.numberAfter(line, STAMP)).isEqualTo(-1);
  }

  @Test
  void splitsLinesWhateverTheChunks() {
    List<String> lines = new ArrayList<>();
    WatchLines splitter = new WatchLines((line, arrival) -> lines.add(line));

    splitter.handle(Buffer.buffer("{\"a\":1}\n{\"b\""));
    splitter.handle(Buffer.buffer(":2"));
    splitter.handle(Buffer.buffer("}\n\n{\"c\":3}\n{\"d\""));

    assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "", "{\"c\":3}");
  }

  @Test
  void readsAChunkFromItsReaderIndexOn() {
    List<String> lines = new ArrayList<>();
    WatchLines splitter = new WatchLines((line, arrival) -> lines.add(line));
    byte[] bytes = "xx{\"e\":5}\n{\"f\"".getBytes(StandardCharsets.ISO_8859_1);

    splitter.handle(Buffer.buffer(Unpooled.wrappedBuffer(bytes).readerIndex(2)));
    splitter.handle(Buffer.buffer(":6}\n"));

    assertThat(lines).containsExactly("{\"e\":5}", "{\"f\":6}");
  }
}
