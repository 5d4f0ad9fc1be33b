package io.bosun.bench;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a watch response into its lines and hands each on as Latin-1 text (the fields the
 * benchmark reads are ASCII), with the time its last chunk arrived. A line usually comes in one
 * chunk, as the apiserver writes one event per write; a line split over chunks is joined. Cheaper
 * than Vert.x's {@code RecordParser}, which took a third of the load generator's CPU reading a
 * thousand watches (it appends every chunk to a buffer and scans it byte by byte through bound
 * checks): on two cores shared with the apiserver, that was time taken from the server measured.
 * Newlines are found with Netty's word-at-a-time search, straight in the received buffer.
 */
final class WatchLines implements Handler<Buffer> {
  /** Takes one line, without its newline. */
  @FunctionalInterface
  interface LineHandler {
    void line(String line, long arrivalMicros);
  }

  private final LineHandler handler;
  private byte[] partial = new byte[0]; // the start of a line whose end has not come yet

  WatchLines(LineHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handle(Buffer chunk) {
    long now = WatchLoad.wallMicros();
    ByteBuf bytes = chunk.getByteBuf();
    int start = bytes.readerIndex();
    int end = bytes.writerIndex();
    int newline;
    while ((newline = bytes.indexOf(start, end, (byte) '\n')) >= 0) {
      if (partial.length == 0) {
        handler.line(bytes.toString(start, newline - start, StandardCharsets.ISO_8859_1), now);
      } else {
        byte[] joined = joined(bytes, start, newline);
        partial = new byte[0];
        handler.line(new String(joined, StandardCharsets.ISO_8859_1), now);
      }
      start = newline + 1;
    }
    if (start < end) {
      partial = joined(bytes, start, end);
    }
  }

  /** The partial line followed by {@code bytes[from, to)}. */
  private byte[] joined(ByteBuf bytes, int from, int to) {
    byte[] joined = Arrays.copyOf(partial, partial.length + to - from);
    bytes.getBytes(from, joined, partial.length, to - from);
    return joined;
  }
}
