package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.StoredObject;
import io.vertx.core.Future;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a {@link ListQuery}: the snapshot's counter and compaction point, the items, and the
 * total when counted.
 *
 * <p>A long list is read through a cursor in batches. The PostgreSQL client gathers a response's
 * bytes in one composite buffer until a socket read ends on a message boundary, and merges all it
 * holds, the rows already decoded included, every 16 reads. An 11 MB list read in one go made ~120
 * MB of copies in buffers of up to 11 MB, each a G1 humongous allocation, which can start a
 * concurrent cycle. A cursor's batch ends on a boundary, so the buffer starts over with each batch.
 */
final class ListRows {
  /** Rows per cursor batch: ~280 KB of 1 KiB objects, under half of G1's smallest region. */
  static final int BATCH = 256;

  /** The most rows read in one statement, no cursor: kubectl's pages of 500 are. */
  static final int ONE_STATEMENT = 1_024;

  private final String resource;
  private final List<StoredObject> items = new ArrayList<>();
  private long current;
  private long compacted;
  private long total;

  private ListRows(String resource) {
    this.resource = resource;
  }

  /**
   * Runs {@code query} for {@code resource}'s objects; through a cursor when {@code fetch}, its row
   * limit, is none (0) or over {@link #ONE_STATEMENT}.
   */
  static Future<ListRows> read(Pool pool, ListQuery.Built query, String resource, int fetch) {
    ListRows rows = new ListRows(resource);
    if (fetch > 0 && fetch <= ONE_STATEMENT) {
      return pool.preparedQuery(query.sql())
          .execute(query.params())
          .map(
              set -> {
                set.forEach(rows::add);
                return rows;
              });
    }
    // A portal lives until its transaction ends; the one statement still reads one snapshot.
    return pool.withTransaction(
        connection ->
            connection
                .prepare(query.sql())
                .compose(statement -> rows.drain(statement.cursor(query.params())))
                .map(rows));
  }

  private Future<Void> drain(Cursor cursor) {
    return cursor
        .read(BATCH)
        .compose(
            batch -> {
              batch.forEach(this::add);
              return cursor.hasMore() ? drain(cursor) : cursor.close();
            });
  }

  private void add(Row row) {
    current = row.getLong(0);
    compacted = row.getLong(1);
    String name = row.getString(3);
    if (name != null) {
      items.add(
          new StoredObject(
              new ObjectKey(resource, row.getString(2), name), row.getLong(4), row.getString(5)));
      Long t = row.getLong(6);
      total = t == null ? 0 : t;
    }
  }

  List<StoredObject> items() {
    return items;
  }

  long current() {
    return current;
  }

  long compacted() {
    return compacted;
  }

  long total() {
    return total;
  }
}
