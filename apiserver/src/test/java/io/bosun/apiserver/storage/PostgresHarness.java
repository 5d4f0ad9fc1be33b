package io.bosun.apiserver.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The harness of the PostgreSQL-only scenarios: the fixture and a look at the server's backends.
 */
interface PostgresHarness extends StorageHarness {

  EmbeddedPostgresFixture postgres();

  /** The process ids of the backends of this test's database that are listening for changes. */
  default Set<Integer> listeningBackends() throws SQLException {
    try (Connection c = postgres().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'")) {
      Set<Integer> pids = new HashSet<>();
      while (rs.next()) {
        pids.add(rs.getInt(1));
      }
      return pids;
    }
  }

  /** Kills a backend as an administrator (or a network failure) would. */
  default void terminate(int pid) throws SQLException {
    try (Connection c = postgres().connect();
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_terminate_backend(" + pid + ")");
    }
  }
}
