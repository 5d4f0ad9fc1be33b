package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.ChangeListener;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StorageConfig;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.bosun.apiserver.storage.WatchOptions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Storage on PostgreSQL. Start it with {@link #start}.
 *
 * <p>Writes go through one group-commit {@link Committer} per apiserver, whose transactions lock
 * the cluster-wide counter row first, so resource versions follow commit order with no gaps a
 * watcher would wait on. Reads go to the database (a consistent read is one statement). Watches are
 * served from the in-memory {@link WatchFeed}. A list at an exact older version (a continue token,
 * {@code resourceVersionMatch=Exact}) is rebuilt from the event log until that version is
 * compacted.
 */
public final class PostgresStorage implements Storage {
  private static final int MAX_UPDATE_ATTEMPTS = 64;
  private static final long TOO_LARGE_WAIT_MS = 3_000;
  private static final String GET_SQL =
      "SELECT rv, value::text FROM objects WHERE resource = $1 AND namespace = $2 AND name = $3";

  private final Vertx vertx;
  private final StorageConfig config;
  private final Pool readPool;
  private final Pool writePool;
  private final WatchFeed feed;
  private final Committer committer;
  private final Listener listener;
  private final Compactor compactor;

  private PostgresStorage(
      Vertx vertx,
      StorageConfig config,
      Database database,
      Context context,
      long currentRv,
      long compactedRv,
      Pool readPool) {
    this.vertx = vertx;
    this.config = config;
    this.readPool = readPool;
    this.writePool = database.pool(vertx, 1);
    this.feed = new WatchFeed(context, readPool, config.historyCapacity(), currentRv, compactedRv);
    this.committer = new Committer(context, writePool, config.maxBatch(), feed::offer);
    this.listener =
        new Listener(vertx, database.connectOptions(), readPool, feed, config.safetyPoll());
    this.compactor =
        new Compactor(
            vertx,
            readPool,
            feed,
            config.historyRetention(),
            config.compactionInterval(),
            Clock.systemUTC());
  }

  /**
   * Migrates the schema (Flyway), opens the connections, starts the listener, the watch feed and
   * compaction.
   *
   * @return the running storage; fails with {@link StorageException.Unavailable} when the database
   *     cannot be reached
   */
  public static Uni<PostgresStorage> start(Vertx vertx, StorageConfig config) {
    Database database = new Database(config.databaseUrl());
    return Storage.blocking(
            () -> {
              database.migrate(config);
              // An event-loop context of its own for the feed and the committer, whatever thread
              // this runs on (Quarkus's worker threads carry worker contexts).
              return (Context) ((io.vertx.core.impl.VertxInternal) vertx).createEventLoopContext();
            })
        .chain(
            context -> {
              Pool readPool = database.pool(vertx, config.poolSize());
              Future<PostgresStorage> started =
                  readPool
                      .query("SELECT current_rv, compacted_rv FROM cluster_state WHERE id = 1")
                      .execute()
                      .map(
                          rows -> {
                            Row row = rows.iterator().next();
                            return new PostgresStorage(
                                vertx,
                                config,
                                database,
                                context,
                                row.getLong(0),
                                row.getLong(1),
                                readPool);
                          })
                      .compose(storage -> storage.listener.connect().map(storage));
              return uni(() -> started)
                  .onFailure(e -> !(e instanceof StorageException))
                  .transform(
                      e ->
                          new StorageException.Unavailable(
                              "cannot start storage on "
                                  + database.describe()
                                  + ": "
                                  + e.getMessage(),
                              e));
            });
  }

  @Override
  public Uni<StoredObject> create(ObjectKey key, String json) {
    return write(Committer.CREATE, key, null, null, json)
        .map(
            outcome ->
                switch (outcome.code()) {
                  case Committer.Outcome.OK -> outcome.stored();
                  case Committer.Outcome.ALREADY_EXISTS ->
                      throw new StorageException.AlreadyExists(key);
                  default ->
                      throw new IllegalStateException("unexpected outcome " + outcome.code());
                });
  }

  @Override
  public Uni<StoredObject> get(ObjectKey key) {
    return uni(() ->
            readPool
                .preparedQuery(GET_SQL)
                .execute(Tuple.of(key.resource(), key.namespace(), key.name())))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw new StorageException.NotFound(key);
              }
              Row row = rows.iterator().next();
              return new StoredObject(key, row.getLong(0), row.getString(1));
            });
  }

  @Override
  public Uni<ListResult> list(ListOptions options) {
    ContinueToken after =
        options.continueToken() == null ? null : ContinueToken.decode(options.continueToken());
    Long at =
        after != null
            ? Long.valueOf(after.rv())
            : options.exact() ? options.resourceVersion() : null;
    boolean counted =
        options.selection().labels().isEmpty() && options.selection().fields().isEmpty();
    // A continued list knows its count from the token; only a first page counts in SQL.
    boolean count = options.limit() > 0 && counted && after == null;
    int fetch = options.limit() > 0 ? options.limit() + 1 : 0;
    ListQuery.Built query =
        at == null
            ? ListQuery.current(options, null, fetch, count)
            : ListQuery.at(options, at, after, fetch, count);
    return uni(() -> ListRows.read(readPool, query, options.resource(), fetch))
        .map(
            rows -> {
              long current = rows.current();
              long compacted = rows.compacted();
              long total = rows.total();
              List<StoredObject> items = rows.items();
              long listRv = at != null ? at : current;
              if (at != null && at < compacted) {
                throw new StorageException.Expired(at, compacted);
              }
              if ((at != null || options.resourceVersion() != null)
                  && (at != null ? at : options.resourceVersion()) > current) {
                throw new StorageException.TooLargeResourceVersion(
                    at != null ? at : options.resourceVersion(), current);
              }
              String next = null;
              Long remaining = null;
              if (options.limit() > 0 && items.size() > options.limit()) {
                items = items.subList(0, options.limit());
                StoredObject last = items.get(items.size() - 1);
                Long before = after == null ? Long.valueOf(total) : after.remaining();
                if (counted && before != null) {
                  remaining = Math.max(0, before - options.limit());
                }
                next =
                    new ContinueToken(listRv, last.key().namespace(), last.key().name(), remaining)
                        .encode();
              }
              return new ListResult(List.copyOf(items), listRv, next, remaining);
            });
  }

  @Override
  public Uni<StoredObject> guaranteedUpdate(
      ObjectKey key, Preconditions preconditions, UpdateFunction update) {
    return get(key).chain(current -> attempt(key, preconditions, update, current, 1));
  }

  private Uni<StoredObject> attempt(
      ObjectKey key,
      Preconditions preconditions,
      UpdateFunction update,
      StoredObject current,
      int attempt) {
    String next;
    try {
      preconditions.check(current);
      next = update.apply(current);
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(e);
    }
    if (next == null || next.equals(current.json())) {
      return Uni.createFrom().item(current);
    }
    return write(Committer.UPDATE, key, current.resourceVersion(), null, next)
        .chain(
            outcome ->
                switch (outcome.code()) {
                  case Committer.Outcome.OK -> Uni.createFrom().item(outcome.stored());
                  case Committer.Outcome.NOT_FOUND ->
                      Uni.createFrom().failure(new StorageException.NotFound(key));
                  case Committer.Outcome.RV_CONFLICT ->
                      attempt < MAX_UPDATE_ATTEMPTS
                          ? attempt(key, preconditions, update, outcome.current(), attempt + 1)
                          : Uni.createFrom()
                              .failure(
                                  new StorageException.Conflict(
                                      key,
                                      "the object has been modified too often concurrently; please try again"));
                  default ->
                      Uni.createFrom()
                          .failure(
                              new IllegalStateException("unexpected outcome " + outcome.code()));
                });
  }

  @Override
  public Uni<StoredObject> delete(ObjectKey key, Preconditions preconditions) {
    return write(Committer.DELETE, key, preconditions.resourceVersion(), preconditions.uid(), null)
        .map(
            outcome ->
                switch (outcome.code()) {
                  case Committer.Outcome.OK -> outcome.stored();
                  case Committer.Outcome.NOT_FOUND -> throw new StorageException.NotFound(key);
                  case Committer.Outcome.RV_CONFLICT, Committer.Outcome.UID_CONFLICT -> {
                    preconditions.check(outcome.current());
                    throw new IllegalStateException(
                        "precondition failed in the database but not here");
                  }
                  default ->
                      throw new IllegalStateException("unexpected outcome " + outcome.code());
                });
  }

  @Override
  public Multi<WatchEvent> watch(WatchOptions options) {
    FeedWatcher watcher =
        new FeedWatcher(options.resource(), options.selection(), config.watcherQueueCapacity());
    return Multi.createFrom()
        .<WatchEvent>emitter(
            emitter -> {
              watcher.attach(emitter);
              Context context = feed.context();
              emitter.onTermination(
                  () ->
                      context.runOnContext(
                          v -> {
                            watcher.closed = true;
                            if (watcher.timerId >= 0) {
                              vertx.cancelTimer(watcher.timerId);
                            }
                            feed.unregister(watcher);
                          }));
              if (options.resourceVersion() == null) {
                startWithList(watcher, options);
              } else {
                context.runOnContext(v -> startAt(watcher, options, options.resourceVersion()));
              }
            },
            BackPressureStrategy.BUFFER)
        .onItem()
        .invoke(event -> watcher.delivered());
  }

  /** Sends the current state as ADDED events, then the changes after it. */
  private void startWithList(FeedWatcher watcher, WatchOptions options) {
    list(ListOptions.of(options.resource(), options.selection()))
        .subscribe()
        .with(
            result ->
                feed.context()
                    .runOnContext(
                        v -> {
                          watcher.allow(result.items().size() + 1);
                          for (StoredObject item : result.items()) {
                            watcher.emit(WatchEvent.of(WatchEvent.Type.ADDED, item));
                          }
                          if (options.initialEventsEndBookmark()) {
                            watcher.emit(WatchEvent.bookmark(result.resourceVersion(), true));
                          }
                          startAt(watcher, options, result.resourceVersion());
                        }),
            failure -> feed.context().runOnContext(v -> watcher.fail(failure)));
  }

  @Override
  public void follow(String resource, ChangeListener listener) {
    feed.context().runOnContext(v -> feed.follow(resource, listener));
  }

  /** On the feed's context. */
  private void startAt(FeedWatcher watcher, WatchOptions options, long fromRv) {
    if (options.bookmarkInterval() != null) {
      watcher.timerId =
          vertx.setPeriodic(
              Math.max(1, options.bookmarkInterval().toMillis()),
              id ->
                  feed.context()
                      .runOnContext(
                          v -> watcher.emit(WatchEvent.bookmark(watcher.bookmarkRv(feed), false))));
    }
    if (fromRv > feed.appliedRv()) {
      // Possibly committed but not yet seen here: look now, and give up after a while.
      listener.poll();
      vertx.setTimer(
          TOO_LARGE_WAIT_MS,
          id ->
              feed.context()
                  .runOnContext(
                      v -> {
                        if (feed.appliedRv() < fromRv) {
                          watcher.fail(
                              new StorageException.TooLargeResourceVersion(
                                  fromRv, feed.appliedRv()));
                        }
                      }));
    }
    feed.register(watcher, fromRv);
  }

  @Override
  public long currentResourceVersion() {
    return feed.appliedRv();
  }

  /**
   * Marks every version up to {@code resourceVersion} as compacted and drops event partitions that
   * lie wholly below it. Compaction also runs on a timer; this is for tests and tools.
   */
  public Uni<Void> compact(long resourceVersion) {
    return uni(() -> compactor.compact(resourceVersion)).replaceWithVoid();
  }

  /** The oldest version a watch may start from (the compaction point). */
  public long compactedResourceVersion() {
    return feed.compactedRv();
  }

  /** Transactions the committer has run, for measuring group commit. */
  public long commitBatches() {
    return committer.batches();
  }

  /** Writes the committer has committed. */
  public long committedWrites() {
    return committer.writes();
  }

  @Override
  public void close() {
    compactor.close();
    listener.close();
    feed.context().runOnContext(v -> feed.closeAll());
    writePool.close();
    readPool.close();
  }

  private Uni<Committer.Outcome> write(
      short op, ObjectKey key, Long expectedRv, String expectedUid, String json) {
    CompletableFuture<Committer.Outcome> result =
        committer.submit(op, key, expectedRv, expectedUid, json);
    return Uni.createFrom().completionStage(result);
  }

  private static <T> Uni<T> uni(Supplier<Future<T>> future) {
    return Uni.createFrom()
        .<T>emitter(
            emitter ->
                future
                    .get()
                    .onComplete(
                        ar -> {
                          if (ar.succeeded()) {
                            emitter.complete(ar.result());
                          } else {
                            emitter.fail(ar.cause());
                          }
                        }))
        .onFailure(
            e -> !(e instanceof StorageException) && !(e instanceof IllegalArgumentException))
        .transform(
            e -> new StorageException.Unavailable("database unavailable: " + e.getMessage(), e));
  }
}
