package io.bosun.apiserver.wiring;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts an embedded PostgreSQL for a {@code @QuarkusTest} and points the apiserver at it. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
  /** The admin token the tests authenticate with. */
  public static final String TOKEN = "test-admin-token";

  private static final String KEY_STORE_PASSWORD = "bosun-test";

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
    // kubectl sends credentials only over TLS, so the test server also serves HTTPS.
    Path keyStore = selfSignedKeyStore();
    return Map.of(
        "bosun.database.url",
        "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres",
        "bosun.admin-token",
        TOKEN,
        "quarkus.http.test-port",
        "0",
        "quarkus.http.test-ssl-port",
        "0",
        "quarkus.http.ssl.certificate.key-store-file",
        keyStore.toString(),
        "quarkus.http.ssl.certificate.key-store-password",
        KEY_STORE_PASSWORD);
  }

  private static Path selfSignedKeyStore() {
    try {
      Path file = Files.createTempDirectory("bosun-api-tls").resolve("server.p12");
      Process keytool =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "bosun",
                  "-keyalg",
                  "EC",
                  "-validity",
                  "2",
                  "-dname",
                  "CN=localhost",
                  "-ext",
                  "SAN=dns:localhost,ip:127.0.0.1",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  file.toString(),
                  "-storepass",
                  KEY_STORE_PASSWORD)
              .inheritIO()
              .start();
      if (keytool.waitFor() != 0) {
        throw new IllegalStateException("keytool failed");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
