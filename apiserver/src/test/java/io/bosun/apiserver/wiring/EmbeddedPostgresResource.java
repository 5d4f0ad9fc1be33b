package io.bosun.apiserver.wiring;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Starts an embedded PostgreSQL for a {@code @QuarkusTest} and points the apiserver at it. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
  /** The admin token the tests authenticate with. */
  public static final String TOKEN = "test-admin-token";

  private EmbeddedPostgres postgres;

  @Override
  public Map<String, String> start() {
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(Files.createTempDirectory("bosun-api-pg"))
              .setCleanDataDirectory(true)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "bosun.database.url",
        "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres",
        "bosun.admin-token",
        TOKEN,
        "quarkus.http.test-port",
        "0");
  }

  @Override
  public void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
