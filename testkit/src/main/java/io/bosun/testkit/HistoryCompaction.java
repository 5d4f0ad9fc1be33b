package io.bosun.testkit;

import io.bosun.controller.client.GoneException;
import io.bosun.controller.client.KubeClient;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Compacts a test apiserver's change history up to its current version, as its own timed compactor
 * (or another apiserver on the same database) would after the retention period, so that a watch
 * from an older version gets 410 Gone. It calls Bosun's {@code bosun_compact} SQL function on the
 * embedded PostgreSQL, then waits until the apiserver refuses such a watch.
 */
final class HistoryCompaction {
  private static final Duration PROBE_WAIT = Duration.ofMillis(300);
  private static final Duration GIVE_UP = Duration.ofSeconds(20);

  private HistoryCompaction() {}

  static long compactAll(Path dataDir, KubeClient client) {
    long compacted = compactInDatabase(dataDir);
    awaitRefusal(client, compacted);
    return compacted;
  }

  private static long compactInDatabase(Path dataDir) {
    String url = "jdbc:postgresql://127.0.0.1:" + postgresPort(dataDir) + "/postgres";
    try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT bosun_compact(current_rv) FROM cluster_state WHERE id = 1")) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot compact the apiserver's history: " + e.getMessage());
    }
  }

  /** The embedded PostgreSQL's port, the fourth line of its {@code postmaster.pid}. */
  private static int postgresPort(Path dataDir) {
    Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pid, StandardCharsets.UTF_8);
      return Integer.parseInt(lines.get(3).trim());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot find the embedded PostgreSQL's port in " + pid);
    }
  }

  /** Waits until the apiserver has learnt the new compaction point (it polls for it). */
  private static void awaitRefusal(KubeClient client, long compacted) {
    if (compacted < 2) {
      return;
    }
    var options =
        new ListOptionsBuilder()
            .withResourceVersion(Long.toString(compacted - 1))
            .withTimeoutSeconds(1L)
            .build();
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        client
            .resources(Namespace.class)
            .watch(null, options)
            .toUni()
            .ifNoItem()
            .after(PROBE_WAIT)
            .recoverWithItem(() -> null)
            .await()
            .atMost(GIVE_UP);
      } catch (GoneException e) {
        return;
      }
    }
    throw new IllegalStateException(
        "the apiserver still serves watches from before version " + compacted);
  }
}
