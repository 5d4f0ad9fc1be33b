package io.bosun.apiserver.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.jboss.logging.Logger;

/**
 * Compacts the change log on a timer, Kubernetes' way: each tick records the current version, and
 * compacts up to the newest recorded version that is at least {@code retention} old, so at least
 * {@code retention} of history is always kept.
 */
final class Compactor implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Compactor.class);

  private record Sample(Instant at, long rv) {}

  private final Vertx vertx;
  private final Pool pool;
  private final WatchFeed feed;
  private final Duration retention;
  private final Clock clock;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private final long timerId;

  Compactor(
      Vertx vertx, Pool pool, WatchFeed feed, Duration retention, Duration interval, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.feed = feed;
    this.retention = retention;
    this.clock = clock;
    this.timerId = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> tick());
  }

  private void tick() {
    Instant now = clock.instant();
    synchronized (samples) {
      samples.addLast(new Sample(now, feed.appliedRv()));
      Sample due = null;
      while (!samples.isEmpty() && !samples.peekFirst().at().isAfter(now.minus(retention))) {
        due = samples.removeFirst();
      }
      if (due != null && due.rv() > feed.compactedRv()) {
        compact(due.rv()).onFailure(e -> LOG.debugf("compaction failed: %s", e.getMessage()));
      }
    }
  }

  /** Compacts up to {@code rv} and tells the feed the new compaction point. */
  Future<Long> compact(long rv) {
    return pool.preparedQuery("SELECT bosun_compact($1)")
        .execute(Tuple.of(rv))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(this::tellFeed);
  }

  // Completes only once the feed knows the new point, so a caller never sees the old one after.
  private Future<Long> tellFeed(long compacted) {
    Promise<Long> told = Promise.promise();
    feed.context()
        .runOnContext(
            v -> {
              feed.observed(0, compacted);
              told.complete(compacted);
            });
    return told.future();
  }

  @Override
  public void close() {
    vertx.cancelTimer(timerId);
  }
}
