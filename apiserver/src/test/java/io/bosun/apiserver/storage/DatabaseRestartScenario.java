package io.bosun.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.storage.postgres.PostgresStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** PostgreSQL stops and starts again (same data, same port) while writers keep writing. */
interface DatabaseRestartScenario extends PostgresHarness {

  private static EmbeddedPostgres startServer(Path dir, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  default void writesFailAsUnavailableDuringARestartAndWatchersMissNothing() throws Exception {
    Path dir = Files.createTempDirectory("bosun-restart-pg");
    int port = freePort();
    EmbeddedPostgres server = startServer(dir, port);
    try {
      PostgresStorage storage =
          postgres().start(EmbeddedPostgresFixture.url(port, "postgres"), c -> c);
      WatchOptions options =
          new WatchOptions(
              "configmaps",
              Selection.ALL,
              storage.currentResourceVersion(),
              Duration.ofMillis(200),
              false);
      try (WatchRecorder watch = WatchRecorder.resuming(storage, options);
          RandomWriters load =
              new RandomWriters(
                  storage,
                  List.of("configmaps"),
                  List.of("a", "b"),
                  40,
                  Duration.ofMillis(5),
                  Duration.ofSeconds(10))) {
        load.start(4, Integer.MAX_VALUE, 3);
        Awaitility.await("writes before the outage")
            .atMost(Duration.ofSeconds(30))
            .until(() -> load.ackedCount() >= 100);

        server.close();
        Awaitility.await("writes fail while the database is down")
            .atMost(Duration.ofSeconds(20))
            .until(() -> load.uncertain().size() >= 8);
        server = startServer(dir, port);
        int atRestart = load.ackedCount();
        Awaitility.await("writes succeed again without restarting the storage")
            .atMost(Duration.ofSeconds(30))
            .until(() -> load.ackedCount() >= atRestart + 100);
        load.stop();
        load.awaitDone(Duration.ofSeconds(30));

        assertThat(load.hung()).as("writes that neither succeeded nor failed in 10 s").isZero();
        assertThat(load.unexpected()).as("failures other than Unavailable").isEmpty();
        StreamCheck.assertConsistent(storage, watch, options, load);
        System.out.printf(
            "restart: %d acknowledged, %d unavailable, watch streams %d%n",
            load.ackedCount(), load.uncertain().size(), watch.streams());
      }
    } finally {
      server.close();
    }
  }
}
