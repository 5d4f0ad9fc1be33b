package io.bosun.apiserver.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Tells the watch feed what other apiservers committed: one LISTEN connection that reconnects by
 * itself, plus a periodic poll of the counter in case a notification was lost (and to learn the
 * compaction point). Every (re)subscription polls at once, which is the full catch-up after a lost
 * connection.
 */
final class Listener implements AutoCloseable {
  static final String CHANNEL = "bosun_events";
  private static final Logger LOG = Logger.getLogger(Listener.class);
  private static final String STATE_SQL =
      "SELECT current_rv, compacted_rv FROM cluster_state WHERE id = 1";
  private static final long RECONNECT_DELAY_MS = 250;

  private final Vertx vertx;
  private final Pool pool;
  private final WatchFeed feed;
  private final PgSubscriber subscriber;
  private final long timerId;

  Listener(Vertx vertx, PgConnectOptions options, Pool pool, WatchFeed feed, Duration safetyPoll) {
    this.vertx = vertx;
    this.pool = pool;
    this.feed = feed;
    this.subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(options));
    subscriber.reconnectPolicy(retries -> RECONNECT_DELAY_MS);
    subscriber.closeHandler(v -> LOG.debug("LISTEN connection lost; reconnecting"));
    subscriber.channel(CHANNEL).handler(this::notified).subscribeHandler(v -> poll());
    this.timerId = vertx.setPeriodic(safetyPoll.toMillis(), id -> poll());
  }

  Future<Void> connect() {
    return subscriber.connect();
  }

  private void notified(String payload) {
    long rv;
    try {
      rv = Long.parseLong(payload);
    } catch (NumberFormatException e) {
      return;
    }
    feed.context().runOnContext(v -> feed.observed(rv, 0));
  }

  /** Reads the committed counter and the compaction point, and hands them to the feed. */
  void poll() {
    pool.query(STATE_SQL)
        .execute()
        .onSuccess(
            rows -> {
              Row row = rows.iterator().next();
              long current = row.getLong(0);
              long compacted = row.getLong(1);
              feed.context().runOnContext(v -> feed.observed(current, compacted));
            })
        .onFailure(e -> LOG.debugf("safety poll failed: %s", e.getMessage()));
  }

  @Override
  public void close() {
    vertx.cancelTimer(timerId);
    subscriber.close();
  }
}
