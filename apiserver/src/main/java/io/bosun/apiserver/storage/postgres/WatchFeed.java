package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.ChangeListener;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.StorageException;
import io.vertx.core.Context;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The apiserver's one view of the change log: every committed change in resource-version order,
 * each applied once, whether it was written here (handed over by the committer) or by another
 * apiserver (read from the events table after a NOTIFY or the safety poll). Recent changes stay in
 * a ring so that watchers can resume without touching the database; open watchers are served from
 * here, so a thousand watchers cost the database nothing more than one.
 *
 * <p>All state is confined to {@code context}; the public entry points hop onto it.
 */
final class WatchFeed {
  private static final Logger LOG = Logger.getLogger(WatchFeed.class);
  private static final int FETCH_PAGE = 1000;
  private static final String FETCH_SQL =
      "SELECT rv, resource, namespace, name, type, value::text, prev_value::text FROM events"
          + " WHERE rv > $1 AND rv <= $2 ORDER BY rv LIMIT "
          + FETCH_PAGE;
  private static final String FETCH_RESOURCE_SQL =
      "SELECT rv, resource, namespace, name, type, value::text, prev_value::text FROM events"
          + " WHERE resource = $1 AND rv > $2 AND rv <= $3 ORDER BY rv LIMIT "
          + FETCH_PAGE;

  private final Context context;
  private final Pool pool;
  private final int historyCapacity;
  private final ArrayDeque<Change> ring = new ArrayDeque<>();
  private final TreeMap<Long, Change> pending = new TreeMap<>();
  private final Map<String, Set<FeedWatcher>> watchers = new HashMap<>();
  private final Map<String, List<ChangeListener>> listeners = new HashMap<>();
  private volatile long appliedRv;
  private volatile long compactedRv;
  private long ringStart; // the ring holds exactly the changes in (ringStart, appliedRv]
  private long targetRv; // known to be committed
  private boolean fetching;

  WatchFeed(Context context, Pool pool, int historyCapacity, long currentRv, long compactedRv) {
    this.context = context;
    this.pool = pool;
    this.historyCapacity = historyCapacity;
    this.appliedRv = currentRv;
    this.ringStart = currentRv;
    this.targetRv = currentRv;
    this.compactedRv = compactedRv;
  }

  Context context() {
    return context;
  }

  long appliedRv() {
    return appliedRv;
  }

  long compactedRv() {
    return compactedRv;
  }

  /** Changes committed by this apiserver, in order. On the context. */
  void offer(List<Change> changes) {
    for (Change change : changes) {
      if (change.rv() > appliedRv) {
        pending.put(change.rv(), change);
      }
    }
    targetRv = Math.max(targetRv, changes.get(changes.size() - 1).rv());
    drain();
  }

  /** Everything up to {@code rv} is committed (from NOTIFY or the poll). On the context. */
  void observed(long rv, long compacted) {
    compactedRv = Math.max(compactedRv, compacted);
    if (rv > targetRv) {
      targetRv = rv;
      drain();
    }
  }

  private void drain() {
    Map.Entry<Long, Change> next;
    while ((next = pending.firstEntry()) != null && next.getKey() <= appliedRv + 1) {
      pending.pollFirstEntry();
      if (next.getKey() == appliedRv + 1) {
        apply(next.getValue());
      }
    }
    if (!fetching && targetRv > appliedRv) {
      fetch();
    }
  }

  private void apply(Change change) {
    appliedRv = change.rv();
    ring.addLast(change);
    if (ring.size() > historyCapacity) {
      ringStart = ring.removeFirst().rv();
    }
    List<ChangeListener> following = listeners.get(change.key().resource());
    if (following != null) {
      for (ChangeListener listener : following) {
        listener.changed(change.type(), change.object());
      }
    }
    Set<FeedWatcher> interested = watchers.get(change.key().resource());
    if (interested != null) {
      for (FeedWatcher watcher : interested) {
        watcher.deliver(change);
      }
    }
  }

  /** Reads changes written elsewhere (or whose hand-over was missed) from the events table. */
  private void fetch() {
    fetching = true;
    long from = appliedRv;
    long upTo = pending.isEmpty() ? targetRv : Math.min(targetRv, pending.firstKey() - 1);
    pool.preparedQuery(FETCH_SQL)
        .execute(Tuple.of(from, upTo))
        .onComplete(
            ar ->
                context.runOnContext(
                    v -> {
                      fetching = false;
                      if (ar.failed()) {
                        // The safety poll will try again; the database may be restarting.
                        LOG.debugf("reading the change log failed: %s", ar.cause().getMessage());
                        return;
                      }
                      List<Change> rows = new ArrayList<>();
                      for (Row row : ar.result()) {
                        rows.add(change(row));
                      }
                      long firstRv = rows.isEmpty() ? upTo + 1 : rows.get(0).rv();
                      if (firstRv > appliedRv + 1 && appliedRv == from) {
                        skipCompacted(firstRv - 1);
                      }
                      for (Change change : rows) {
                        if (change.rv() > appliedRv) {
                          pending.put(change.rv(), change);
                        }
                      }
                      drain();
                    }));
  }

  /**
   * The changes after {@code appliedRv} up to {@code rv} are gone: compacted while this apiserver
   * lagged behind. Its watchers cannot be served exactly once any more, so they are closed and will
   * resume (and get 410 Expired if they must).
   */
  private void skipCompacted(long rv) {
    LOG.warnf(
        "change log compacted past this apiserver's watch feed (%d..%d); closing its watchers",
        appliedRv + 1, rv);
    appliedRv = rv;
    ring.clear();
    ringStart = rv;
    for (Set<FeedWatcher> set : watchers.values()) {
      for (FeedWatcher watcher : set) {
        watcher.close();
      }
    }
    watchers.clear();
    listeners.values().forEach(list -> list.forEach(ChangeListener::reset));
  }

  /** Tells {@code listener} every change to {@code resource} from now on. On the context. */
  void follow(String resource, ChangeListener listener) {
    listeners.computeIfAbsent(resource, r -> new ArrayList<>()).add(listener);
    listener.following();
  }

  /**
   * Starts serving a watcher with the changes after {@code fromRv}: from the ring when it reaches
   * back that far, otherwise from the events table first. On the context.
   */
  void register(FeedWatcher watcher, long fromRv) {
    if (watcher.closed) {
      return;
    }
    if (fromRv < compactedRv) {
      watcher.fail(new StorageException.Expired(fromRv, compactedRv));
      return;
    }
    watcher.lastRv = Math.max(watcher.lastRv, fromRv);
    if (fromRv >= ringStart) {
      for (Change change : ring) {
        if (change.rv() > fromRv && change.key().resource().equals(watcher.resource)) {
          watcher.deliver(change);
        }
      }
      watcher.lastRv = Math.max(watcher.lastRv, appliedRv);
      watcher.live = true;
      watchers.computeIfAbsent(watcher.resource, r -> new LinkedHashSet<>()).add(watcher);
      return;
    }
    long upTo = ringStart;
    pool.preparedQuery(FETCH_RESOURCE_SQL)
        .execute(Tuple.of(watcher.resource, fromRv, upTo))
        .onComplete(
            ar ->
                context.runOnContext(
                    v -> {
                      if (ar.failed()) {
                        watcher.fail(
                            new StorageException.Unavailable(
                                "reading the change log failed: " + ar.cause().getMessage(),
                                ar.cause()));
                        return;
                      }
                      long reached = upTo;
                      int count = 0;
                      for (Row row : ar.result()) {
                        Change change = change(row);
                        watcher.deliver(change);
                        reached = change.rv();
                        count++;
                      }
                      if (count < FETCH_PAGE) {
                        reached = upTo;
                      }
                      // A compaction during the read may have removed rows it should have returned.
                      if (fromRv < compactedRv) {
                        watcher.fail(new StorageException.Expired(fromRv, compactedRv));
                        return;
                      }
                      watcher.lastRv = Math.max(watcher.lastRv, reached);
                      register(watcher, reached);
                    }));
  }

  /** Stops serving a watcher. On the context. */
  void unregister(FeedWatcher watcher) {
    Set<FeedWatcher> set = watchers.get(watcher.resource);
    if (set != null && set.remove(watcher) && set.isEmpty()) {
      watchers.remove(watcher.resource);
    }
  }

  /** Closes every watcher (on shutdown). On the context. */
  void closeAll() {
    for (Set<FeedWatcher> set : watchers.values()) {
      for (FeedWatcher watcher : set) {
        watcher.close();
      }
    }
    watchers.clear();
  }

  private static Change change(Row row) {
    ObjectKey key = new ObjectKey(row.getString(1), row.getString(2), row.getString(3));
    return Change.of(row.getLong(0), row.getShort(4), key, row.getString(5), row.getString(6));
  }
}
