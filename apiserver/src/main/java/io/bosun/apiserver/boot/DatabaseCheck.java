package io.bosun.apiserver.boot;

import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Checks, before the server starts, that the configured PostgreSQL answers, so that a wrong URL or
 * a database that is down ends in one clear message instead of a failed application start.
 */
final class DatabaseCheck {
  /** How long the check waits for the database, in seconds. */
  static final int TIMEOUT_SECONDS = 10;

  private DatabaseCheck() {}

  /**
   * Connects once to the database at {@code url} (a libpq URI) and closes the connection.
   *
   * @throws UsageException if {@code url} is not a PostgreSQL URI
   * @throws StartupException if the database cannot be reached or refuses the login
   */
  static void requireReachable(String url) {
    PgConnectOptions options = parse(url);
    String where = describe(options);
    Properties properties = new Properties();
    properties.setProperty("user", options.getUser());
    if (options.getPassword() != null) {
      properties.setProperty("password", options.getPassword());
    }
    properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
    properties.setProperty("socketTimeout", Integer.toString(TIMEOUT_SECONDS));
    String jdbcUrl =
        "jdbc:postgresql://"
            + options.getHost()
            + ":"
            + options.getPort()
            + "/"
            + options.getDatabase();
    // The driver is called directly: DriverManager's service lookup is not needed for one check.
    try (Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties)) {
      if (connection == null) {
        throw new StartupException("cannot connect to the database at " + where);
      }
    } catch (SQLException e) {
      throw new StartupException(
          "cannot connect to the database at " + where + ": " + rootMessage(e), e);
    }
  }

  /** Parses a libpq URI, turning a malformed one into a usage error. */
  static PgConnectOptions parse(String url) {
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new UsageException(
          "--database-url must look like postgresql://user:password@host:port/database");
    }
    try {
      return PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new UsageException(
          "--database-url must look like postgresql://user:password@host:port/database");
    }
  }

  /** Where a database is, for messages: user, host, port and database, never the password. */
  static String describe(PgConnectOptions options) {
    return options.getUser()
        + "@"
        + options.getHost()
        + ":"
        + options.getPort()
        + "/"
        + options.getDatabase();
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
