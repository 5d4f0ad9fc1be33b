package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.StorageConfig;
import io.bosun.apiserver.storage.StorageException;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/** Connection settings derived from a libpq URI, the schema migration, and the pools. */
final class Database {
  private final String url;
  private final PgConnectOptions connectOptions;

  Database(String url) {
    this.url = url;
    try {
      this.connectOptions = PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a PostgreSQL URI (postgresql://user:password@host:port/db): " + url, e);
    }
    connectOptions.setPipeliningLimit(256).setCachePreparedStatements(true);
  }

  PgConnectOptions connectOptions() {
    return connectOptions;
  }

  /** Where the database is, for messages; never includes the password. */
  String describe() {
    return connectOptions.getHost()
        + ":"
        + connectOptions.getPort()
        + "/"
        + connectOptions.getDatabase();
  }

  Pool pool(Vertx vertx, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(connectOptions)
        .using(vertx)
        .build();
  }

  /**
   * Brings the schema up to date with Flyway over JDBC. Blocking: runs once at start-up.
   *
   * @throws StorageException.Unavailable when the database cannot be reached
   */
  void migrate(StorageConfig config) {
    String jdbcUrl = jdbcUrl();
    Properties properties = new Properties();
    properties.setProperty("user", connectOptions.getUser());
    properties.setProperty(
        "password", connectOptions.getPassword() == null ? "" : connectOptions.getPassword());
    properties.setProperty("connectTimeout", "5");
    try (Connection ignored = DriverManager.getConnection(jdbcUrl, properties)) {
      // Probed first so that an unreachable database gives one clear message.
    } catch (SQLException e) {
      throw new StorageException.Unavailable(
          "cannot connect to PostgreSQL at " + describe() + ": " + e.getMessage(), e);
    }
    Flyway.configure()
        .dataSource(jdbcUrl, connectOptions.getUser(), connectOptions.getPassword())
        .locations("classpath:db/bosun")
        .placeholders(Map.of("partition_size", Long.toString(config.partitionSize())))
        .load()
        .migrate();
  }

  private String jdbcUrl() {
    URI uri = URI.create(url);
    String query =
        uri.getRawQuery() == null
            ? ""
            : "?" + URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
    return "jdbc:postgresql://"
        + connectOptions.getHost()
        + ":"
        + connectOptions.getPort()
        + "/"
        + connectOptions.getDatabase()
        + query;
  }
}
