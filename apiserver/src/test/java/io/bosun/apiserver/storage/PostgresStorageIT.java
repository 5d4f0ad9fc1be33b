package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.storage.postgres.PostgresStorage;
import io.smallrye.mutiny.Uni;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storage conformance suite on real PostgreSQL (an embedded server the test run starts), plus
 * what only the PostgreSQL implementation has: group commit, the LISTEN connection and the database
 * going away.
 */
class PostgresStorageIT extends StorageConformanceTest
    implements PostgresHarness,
        ListenerLossScenario,
        DatabaseRestartScenario,
        TwoApiserversScenario {

  @RegisterExtension final EmbeddedPostgresFixture postgres = new EmbeddedPostgresFixture();

  @Override
  public EmbeddedPostgresFixture postgres() {
    return postgres;
  }

  @Override
  public Storage startStorage(UnaryOperator<StorageConfig> tuning) {
    return postgres.start(tuning);
  }

  @Override
  public void compact(Storage storage, long resourceVersion) {
    await(((PostgresStorage) storage).compact(resourceVersion));
  }

  @Override
  public long compactedResourceVersion(Storage storage) {
    return ((PostgresStorage) storage).compactedResourceVersion();
  }

  /** The cluster's transaction id counter: every transaction that writes takes one number. */
  private static long nextTransactionId(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")) {
      rs.next();
      return Long.parseLong(rs.getString(1));
    }
  }

  @Test
  void concurrentWritesShareTransactions() throws SQLException {
    PostgresStorage storage = postgres.start(c -> c);
    int writers = 32;
    int rounds = 40;
    try (Connection c = postgres.connect()) {
      long batchesBefore = storage.commitBatches();
      long writesBefore = storage.committedWrites();
      long xidBefore = nextTransactionId(c);
      // 32 writers, each writing its next object as soon as the previous one is acknowledged.
      List<Uni<Void>> chains = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int r = 0; r < rounds; r++) {
          ObjectKey key = new ObjectKey("configmaps", "w" + writer, "o" + r);
          chain = chain.chain(() -> storage.create(key, doc(key)).replaceWithVoid());
        }
        chains.add(chain);
      }
      await(Uni.join().all(chains).andFailFast());
      // Read-only statements (reads, the safety poll) take no transaction id, so the id delta
      // counts exactly the writing transactions in the whole server during the run: the storage's
      // batches (and nothing else here writes). pg_stat_database.xact_commit would also count
      // every read and is flushed lazily, so it is the worse measure.
      long transactions = nextTransactionId(c) - xidBefore;
      long batches = storage.commitBatches() - batchesBefore;
      long writes = storage.committedWrites() - writesBefore;

      int total = writers * rounds;
      assertThat(writes).isEqualTo(total);
      assertThat(batches).as("committer transactions for %d writes", total).isLessThan(total / 4);
      assertThat(transactions)
          .as("writing transactions in PostgreSQL for %d writes (%d batches)", total, batches)
          .isLessThan(total / 4);
      System.out.printf(
          "group commit: %d writes in %d committer batches, %d writing transactions%n",
          total, batches, transactions);
    }
  }
}
