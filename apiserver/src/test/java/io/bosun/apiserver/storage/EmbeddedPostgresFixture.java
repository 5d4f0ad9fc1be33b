package io.bosun.apiserver.storage;

import io.bosun.apiserver.storage.postgres.PostgresStorage;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a fresh database on one embedded PostgreSQL shared by the whole test run, and
 * starts and closes {@link PostgresStorage} instances on it.
 *
 * <p>The server and the Vert.x instance start on first use and stop when JUnit closes its root
 * context (the end of the run), so a hundred tests pay for one {@code initdb}. Register it as an
 * instance field with {@code @RegisterExtension}.
 */
public final class EmbeddedPostgresFixture implements BeforeEachCallback, AfterEachCallback {
  /** Upper bound of every blocking wait on storage in these tests. */
  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final List<PostgresStorage> started = new ArrayList<>();
  private Shared shared;
  private String database;

  /** The server and Vert.x shared by every test of the run. */
  private static final class Shared implements ExtensionContext.Store.CloseableResource {
    final EmbeddedPostgres postgres;
    final Vertx vertx = Vertx.vertx();

    Shared() {
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("bosun-storage-it"))
                .setCleanDataDirectory(true)
                // Many storages (each with its pools) open and close during a run.
                .setServerConfig("max_connections", "300")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      postgres.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws SQLException {
    shared =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(Shared.class, k -> new Shared(), Shared.class);
    database = "t_" + DATABASES.incrementAndGet();
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (PostgresStorage storage : started) {
      storage.close();
    }
    started.clear();
  }

  /** The Vert.x instance of the run. */
  public Vertx vertx() {
    return shared.vertx;
  }

  /** The URL of this test's database, as {@link StorageConfig} takes it. */
  public String databaseUrl() {
    return url(shared.postgres.getPort(), database);
  }

  /** The name of this test's database. */
  public String databaseName() {
    return database;
  }

  /** Starts a storage on this test's database with the defaults changed by {@code tuning}. */
  public PostgresStorage start(UnaryOperator<StorageConfig> tuning) {
    return start(databaseUrl(), tuning);
  }

  /** Starts a storage on any database; it is closed after the test. */
  public PostgresStorage start(String url, UnaryOperator<StorageConfig> tuning) {
    PostgresStorage storage =
        PostgresStorage.start(vertx(), tuning.apply(StorageConfig.defaults(url)))
            .await()
            .atMost(TIMEOUT);
    started.add(storage);
    return storage;
  }

  /** Closes a storage before the end of the test. */
  public void close(PostgresStorage storage) {
    started.remove(storage);
    storage.close();
  }

  /** A JDBC connection to this test's database, as the superuser. */
  public Connection connect() throws SQLException {
    return connect(database);
  }

  private Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + shared.postgres.getPort() + "/" + name,
        "postgres",
        "postgres");
  }

  /** The libpq URL of a database on the local host. */
  public static String url(int port, String database) {
    return "postgresql://postgres:postgres@localhost:" + port + "/" + database;
  }
}
