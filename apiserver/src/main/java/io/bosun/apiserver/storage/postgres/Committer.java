package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.StoredObject;
import io.vertx.core.Context;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Group commit: writes that arrive while a transaction is in flight wait and then go together in
 * the next one, so that one WAL flush serves many writes. Exactly one transaction is in flight at a
 * time; the counter row lock would serialize them anyway. All state is confined to {@code context}.
 */
final class Committer {
  private static final Logger LOG = Logger.getLogger(Committer.class);
  private static final String WRITE_SQL = "SELECT * FROM bosun_write($1, $2, $3, $4, $5, $6, $7)";

  static final short CREATE = 1;
  static final short UPDATE = 2;
  static final short DELETE = 3;

  /** One write: what to do, and where its outcome goes. */
  record Write(
      short op,
      ObjectKey key,
      Long expectedRv,
      String expectedUid,
      String json,
      CompletableFuture<Outcome> result) {}

  /** What became of one write. {@code current} is set for conflicts: the object as stored now. */
  record Outcome(int code, StoredObject stored, StoredObject current) {
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int ALREADY_EXISTS = 2;
    static final int RV_CONFLICT = 3;
    static final int UID_CONFLICT = 4;
  }

  private final Context context;
  private final Pool pool;
  private final int maxBatch;
  private final Consumer<List<Change>> feed;
  private final ArrayDeque<Write> queue = new ArrayDeque<>();
  private boolean inFlight;
  private int singles; // writes still to be sent one per transaction after a failed batch
  private volatile long batches;
  private volatile long writes;

  Committer(Context context, Pool pool, int maxBatch, Consumer<List<Change>> feed) {
    this.context = context;
    this.pool = pool;
    this.maxBatch = maxBatch;
    this.feed = feed;
  }

  CompletableFuture<Outcome> submit(
      short op, ObjectKey key, Long expectedRv, String expectedUid, String json) {
    Write write = new Write(op, key, expectedRv, expectedUid, json, new CompletableFuture<>());
    context.runOnContext(
        v -> {
          queue.add(write);
          flush();
        });
    return write.result();
  }

  /** Transactions committed so far, and writes in them: their ratio is the batching achieved. */
  long batches() {
    return batches;
  }

  long writes() {
    return writes;
  }

  private void flush() {
    if (inFlight || queue.isEmpty()) {
      return;
    }
    int limit = maxBatch;
    if (singles > 0) {
      singles--;
      limit = 1;
    }
    List<Write> batch = new ArrayList<>(Math.min(queue.size(), limit));
    while (!queue.isEmpty() && batch.size() < limit) {
      batch.add(queue.poll());
    }
    inFlight = true;
    execute(batch);
  }

  private void execute(List<Write> batch) {
    int n = batch.size();
    Short[] ops = new Short[n];
    String[] resources = new String[n];
    String[] namespaces = new String[n];
    String[] names = new String[n];
    Long[] expectedRvs = new Long[n];
    String[] expectedUids = new String[n];
    String[] docs = new String[n];
    for (int i = 0; i < n; i++) {
      Write w = batch.get(i);
      ops[i] = w.op();
      resources[i] = w.key().resource();
      namespaces[i] = w.key().namespace();
      names[i] = w.key().name();
      expectedRvs[i] = w.expectedRv();
      expectedUids[i] = w.expectedUid();
      docs[i] = w.json();
    }
    Tuple params = Tuple.of(ops, resources, namespaces, names, expectedRvs, expectedUids, docs);
    pool.preparedQuery(WRITE_SQL)
        .execute(params)
        .onComplete(
            ar ->
                context.runOnContext(
                    v -> {
                      if (ar.succeeded()) {
                        committed(batch, ar.result());
                      } else {
                        failed(batch, ar.cause());
                      }
                    }));
  }

  private void committed(List<Write> batch, RowSet<Row> rows) {
    batches++;
    List<Change> changes = new ArrayList<>(batch.size());
    Outcome[] outcomes = new Outcome[batch.size()];
    for (Row row : rows) {
      int idx = row.getInteger("o_idx");
      Write w = batch.get(idx);
      int code = row.getShort("o_outcome");
      if (code == Outcome.OK) {
        long rv = row.getLong("o_rv");
        Change change =
            Change.of(rv, w.op(), w.key(), row.getString("o_value"), row.getString("o_prev"));
        changes.add(change);
        outcomes[idx] = new Outcome(code, change.object(), null);
      } else if (code == Outcome.RV_CONFLICT || code == Outcome.UID_CONFLICT) {
        StoredObject current =
            new StoredObject(w.key(), row.getLong("o_prev_rv"), row.getString("o_prev"));
        outcomes[idx] = new Outcome(code, null, current);
      } else {
        outcomes[idx] = new Outcome(code, null, null);
      }
    }
    writes += changes.size();
    // The feed sees the changes before any writer hears back, so a client that watches from the
    // version its write returned never waits for it.
    if (!changes.isEmpty()) {
      try {
        feed.accept(changes);
      } catch (RuntimeException e) {
        // A bug in the fan-out must not stall every writer: the writes are committed, so they
        // are answered, and the failure is reported once, here.
        LOG.errorf(e, "the watch feed failed to apply %d committed changes", changes.size());
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(outcomes[i]);
    }
    inFlight = false;
    flush();
  }

  private void failed(List<Write> batch, Throwable cause) {
    if (cause instanceof PgException && batch.size() > 1) {
      // A statement error (not a lost connection) rolled back the whole batch: retry each write
      // alone so that one bad document fails only its own request.
      LOG.debugf(
          "batch of %d failed (%s); retrying its writes one by one",
          batch.size(), cause.getMessage());
      inFlight = false;
      for (int i = batch.size() - 1; i >= 0; i--) {
        queue.addFirst(batch.get(i));
      }
      singles = batch.size();
      flush();
      return;
    }
    RuntimeException failure;
    if (cause instanceof PgException pg
        && pg.getSqlState() != null
        && pg.getSqlState().startsWith("22")) {
      // SQLSTATE class 22, data exception: the document itself is unacceptable (e.g. \\u0000).
      failure = new IllegalArgumentException("invalid document: " + pg.getErrorMessage());
    } else if (cause instanceof PgException) {
      failure = new StorageException.Unavailable("write failed: " + cause.getMessage(), cause);
    } else {
      failure =
          new StorageException.Unavailable(
              "database unavailable; the write may or may not have been committed: "
                  + cause.getMessage(),
              cause);
    }
    for (Write w : batch) {
      w.result().completeExceptionally(failure);
    }
    inFlight = false;
    flush();
  }
}
