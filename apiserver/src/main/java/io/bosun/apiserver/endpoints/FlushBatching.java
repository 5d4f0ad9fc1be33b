package io.bosun.apiserver.endpoints;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Batches the flushes of an HTTP/2 connection that carries watches. Vert.x flushes after every
 * write outside a read, so each watch event of each stream became its own TLS record and system
 * call; a change fanned out to a hundred watches of one connection now leaves in one flush, at the
 * end of the event loop's current batch of tasks.
 */
final class FlushBatching {
  private static final String NAME = "bosun-flush-batching";

  /** Flushes let through before one is forced, even while more are coming. */
  private static final int FORCE_AFTER = 256;

  private FlushBatching() {}

  /** Batches the flushes of {@code request}'s connection from now on, if it speaks HTTP/2. */
  static void enable(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2
        || !(request.connection() instanceof ConnectionBase base)) {
      return;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    base.channel()
        .eventLoop()
        .execute(
            () -> {
              if (pipeline.get(NAME) == null && base.channel().isActive()) {
                // Last, so the flushes Vert.x sends through the whole pipeline meet it first.
                pipeline.addLast(NAME, new FlushConsolidationHandler(FORCE_AFTER, true));
              }
            });
  }
}
