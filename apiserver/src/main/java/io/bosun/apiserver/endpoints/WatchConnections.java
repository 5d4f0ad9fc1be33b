package io.bosun.apiserver.endpoints;

import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Tunes an HTTP/2 connection that carries watches, where one change is written to many streams at
 * once.
 *
 * <ul>
 *   <li>Flushes are batched. Vert.x flushes after every write outside a read, so each watch event
 *       of each stream became its own TLS record and system call; a change fanned out to a hundred
 *       watches of one connection now leaves in one flush, at the end of the event loop's current
 *       batch of tasks.
 *   <li>The outbound buffer may hold more before the channel turns unwritable. Netty's default high
 *       mark, 64 KiB, is less than one change fanned out to a hundred watches of a kilobyte each,
 *       so the channel flipped to unwritable and back at every change, and each flip made the
 *       HTTP/2 codec walk every stream of the connection and Vert.x call every stream's drain
 *       handler: a third of the apiserver's time at 1,000 watches and 100 writes a second, and a
 *       cost that grew as the watchers fell behind.
 * </ul>
 */
final class WatchConnections {
  private static final String NAME = "bosun-flush-batching";

  /** Flushes let through before one is forced, even while more are coming. */
  private static final int FORCE_AFTER = 256;

  /**
   * Bytes queued for the socket at which the connection becomes unwritable, and back. A slow
   * watcher is still bounded: past these its stream stops taking events and its watch is closed
   * once its own queue is full.
   */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(2 * 1024 * 1024, 4 * 1024 * 1024);

  private WatchConnections() {}

  /** Tunes {@code request}'s connection from now on, if it speaks HTTP/2. */
  static void tune(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2
        || !(request.connection() instanceof ConnectionBase base)) {
      return;
    }
    Channel channel = base.channel();
    channel
        .eventLoop()
        .execute(
            () -> {
              if (channel.pipeline().get(NAME) == null && channel.isActive()) {
                channel.config().setWriteBufferWaterMark(WATER_MARK);
                // Last, so the flushes Vert.x sends through the whole pipeline meet it first.
                channel.pipeline().addLast(NAME, new FlushConsolidationHandler(FORCE_AFTER, true));
              }
            });
  }
}
