package io.bosun.apiserver.endpoints.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A response body written as UTF-8 into buffers of at most 256 KiB, handed to Vert.x as one
 * composite. A list of 10,000 objects is ~11 MB: in one array it was a G1 humongous allocation, and
 * each of those can start a concurrent marking cycle; these chunks are ordinary young objects.
 */
final class ChunkedBody {
  /** Under half of G1's smallest region (1 MiB), the size from which an array is humongous. */
  static final int CHUNK = 256 * 1024;

  private final CompositeByteBuf chunks = Unpooled.compositeBuffer(Integer.MAX_VALUE);
  private int expected;
  private ByteBuf current;

  /** A body expected to be about {@code expected} bytes long, which sizes the last chunk. */
  ChunkedBody(int expected) {
    this.expected = expected;
    this.current = next();
  }

  ChunkedBody append(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int offset = 0;
    while (offset < bytes.length) {
      int n = Math.min(room().writableBytes(), bytes.length - offset);
      current.writeBytes(bytes, offset, n);
      offset += n;
    }
    return this;
  }

  /** Appends an ASCII character. */
  ChunkedBody append(char c) {
    room().writeByte(c);
    return this;
  }

  Buffer finish() {
    chunks.addComponent(true, current);
    return Buffer.buffer(chunks);
  }

  /** The current chunk, a new one when it is full. */
  private ByteBuf room() {
    if (!current.isWritable()) {
      chunks.addComponent(true, current);
      current = next();
    }
    return current;
  }

  private ByteBuf next() {
    int size = Math.max(4096, Math.min(CHUNK, expected));
    expected -= size;
    return Unpooled.buffer(size, size);
  }
}
