package io.bosun.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The naive store the issue compares against: one transaction per create, doing the object row, the
 * event row and a NOTIFY, over one JDBC connection per writer (as pgbench does).
 */
final class NaiveStore {
  static final String SCHEMA =
      "CREATE TABLE IF NOT EXISTS naive_objects (id bigserial PRIMARY KEY, namespace text, name text,"
          + " value jsonb, UNIQUE (namespace, name));"
          + " CREATE TABLE IF NOT EXISTS naive_events (rv bigserial PRIMARY KEY, object_id bigint,"
          + " type text, namespace text, name text, value jsonb)";

  private final Connection connection;
  private final PreparedStatement object;
  private final PreparedStatement event;
  private final PreparedStatement notify;

  NaiveStore(String jdbcUrl) throws SQLException {
    connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    connection.setAutoCommit(false);
    object =
        connection.prepareStatement(
            "INSERT INTO naive_objects (namespace, name, value) VALUES ('default', ?, ?::jsonb)"
                + " RETURNING id");
    event =
        connection.prepareStatement(
            "INSERT INTO naive_events (object_id, type, namespace, name, value)"
                + " VALUES (?, 'ADDED', 'default', ?, ?::jsonb)");
    notify = connection.prepareStatement("SELECT pg_notify('naive_events', ?)");
  }

  static void createSchema(String jdbcUrl) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
      s.execute("TRUNCATE naive_objects, naive_events");
    }
  }

  void create(String name, String json) throws SQLException {
    object.setString(1, name);
    object.setString(2, json);
    long id;
    try (var rs = object.executeQuery()) {
      rs.next();
      id = rs.getLong(1);
    }
    event.setLong(1, id);
    event.setString(2, name);
    event.setString(3, json);
    event.executeUpdate();
    notify.setString(1, Long.toString(id));
    notify.executeQuery().close();
    connection.commit();
  }

  /**
   * A benchmark client that creates ConfigMaps named {@code cm-N}, N from {@code names}, each in
   * its own transaction on its own connection.
   */
  static ClosedLoop.BlockingClient creator(String jdbcUrl, AtomicInteger names)
      throws SQLException {
    NaiveStore store = new NaiveStore(jdbcUrl);
    return new ClosedLoop.BlockingClient() {
      @Override
      public long run() throws SQLException {
        long start = System.nanoTime();
        String name = "cm-" + names.incrementAndGet();
        store.create(name, Documents.configMap(name, start));
        return System.nanoTime() - start;
      }

      @Override
      public void close() throws SQLException {
        store.close();
      }
    };
  }

  void close() throws SQLException {
    connection.close();
  }
}
