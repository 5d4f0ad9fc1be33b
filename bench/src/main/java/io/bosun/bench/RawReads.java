package io.bosun.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw-PostgreSQL side of the read measurements: plain SELECTs over JDBC of the very rows the
 * apiserver serves (its {@code objects} table), reading every value as text as a client would.
 */
final class RawReads implements ClosedLoop.BlockingClient {
  private static final String BY_NAME =
      "SELECT value::text FROM objects WHERE resource = 'configmaps' AND namespace = ? AND name = ?";
  private static final String PAGE =
      "SELECT name, value::text FROM objects WHERE resource = 'configmaps' AND namespace = ?"
          + " AND name > ? ORDER BY name LIMIT ?";

  /** Which read each {@link #run} does. */
  enum Kind {
    GET,
    LIST,
    LIST_PAGED
  }

  private final Connection connection;
  private final PreparedStatement byName;
  private final PreparedStatement page;
  private final Kind kind;
  private final String namespace;
  private final int objects;
  private final int pageSize;

  /**
   * @param objects the namespace holds objects named {@link HttpBench#itemName} 0 to objects - 1
   * @param pageSize the LIMIT of each page for {@link Kind#LIST_PAGED}
   */
  RawReads(String jdbcUrl, Kind kind, String namespace, int objects, int pageSize)
      throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    this.byName = connection.prepareStatement(BY_NAME);
    this.page = connection.prepareStatement(PAGE);
    this.kind = kind;
    this.namespace = namespace;
    this.objects = objects;
    this.pageSize = pageSize;
  }

  @Override
  public long run() throws SQLException {
    long start = System.nanoTime();
    switch (kind) {
      case GET -> get();
      case LIST -> list(objects);
      case LIST_PAGED -> list(pageSize);
    }
    return System.nanoTime() - start;
  }

  private void get() throws SQLException {
    byName.setString(1, namespace);
    byName.setString(2, HttpBench.itemName(ThreadLocalRandom.current().nextInt(objects)));
    try (ResultSet rs = byName.executeQuery()) {
      if (!rs.next() || rs.getString(1).isEmpty()) {
        throw new SQLException("object not found");
      }
    }
  }

  /**
   * Reads the namespace's objects in pages of {@code limit} by key, as a continue token would: each
   * page asks for one row more to learn whether another page follows.
   */
  private void list(int limit) throws SQLException {
    String after = "";
    int read = 0;
    boolean more = true;
    while (more) {
      page.setString(1, namespace);
      page.setString(2, after);
      page.setInt(3, limit + 1);
      try (ResultSet rs = page.executeQuery()) {
        int rows = 0;
        while (rows < limit && rs.next()) {
          after = rs.getString(1);
          rs.getString(2);
          rows++;
        }
        read += rows;
        more = rs.next();
      }
    }
    if (read != objects) {
      throw new SQLException("listed " + read + " objects, not " + objects);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
