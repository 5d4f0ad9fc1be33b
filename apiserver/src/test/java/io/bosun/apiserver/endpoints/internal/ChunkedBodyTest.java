package io.bosun.apiserver.endpoints.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {

  @Test
  void aLongBodyIsItsTextInChunksNoneOverTheLimit() {
    // Multi-byte characters land across chunk boundaries: "é" is two bytes, "€" three.
    String item = "{\"name\":\"caf\u00e9 \u20ac\"," + "x".repeat(1_000) + "}";
    StringBuilder expected = new StringBuilder("[");
    ChunkedBody body = new ChunkedBody(10).append('[');
    for (int i = 0; i < 1_000; i++) {
      if (i > 0) {
        expected.append(',');
        body.append(',');
      }
      expected.append(item);
      body.append(item);
    }
    Buffer buffer = body.append("]").finish();

    assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(expected.append(']').toString());
    ByteBuf bytes = buffer.getByteBuf();
    while (!(bytes instanceof CompositeByteBuf)) {
      bytes = bytes.unwrap();
    }
    CompositeByteBuf chunks = (CompositeByteBuf) bytes;
    assertThat(chunks.numComponents()).isGreaterThan(3);
    for (ByteBuf chunk : chunks) {
      assertThat(chunk.capacity()).isLessThanOrEqualTo(ChunkedBody.CHUNK);
    }
  }

  @Test
  void aShortBodyIsOneSmallChunk() {
    Buffer buffer = new ChunkedBody(40).append("{\"items\":[]}").finish();

    assertThat(buffer.toString()).isEqualTo("{\"items\":[]}");
    assertThat(buffer.length()).isEqualTo(12);
  }
}
