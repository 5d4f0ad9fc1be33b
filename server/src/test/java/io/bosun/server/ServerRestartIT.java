package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stops {@code bosun server} with SIGTERM and starts it again on the same data directory. */
class ServerRestartIT {
  @TempDir Path dir;

  @Test
  void keepsObjectsAcrossARestartOnTheSameDataDir() throws Exception {
    Path dataDir = dir.resolve("data");
    String port = Integer.toString(BosunProcess.freePort());
    Kubectl kubectl =
        new Kubectl(dataDir.resolve("kubeconfig"), Files.createDirectories(dir.resolve("k")));
    Path file = dir.resolve("kept.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: kept
        data:
          answer: "42"
        """);

    try (BosunProcess first =
        BosunProcess.jar(dir, "server", "--data-dir", dataDir.toString(), "--port", port)) {
      first.awaitReady();
      kubectl.succeed("create", "-f", file.toString());

      assertThat(first.terminate()).as("exit code after SIGTERM").isEqualTo(143);
    }
    // PostgreSQL removes its pid file only when it shuts down; a left-over one means it still runs.
    assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();

    try (BosunProcess second =
        BosunProcess.jar(dir, "server", "--data-dir", dataDir.toString(), "--port", port)) {
      second.awaitReady();

      String json = kubectl.succeed("get", "configmap", "kept", "-o", "json");

      assertThat(new ObjectMapper().readTree(json).path("data").path("answer").asText())
          .isEqualTo("42");
      second.terminate();
    }
  }

  @Test
  void reusesTheAdminTokenSoAnEarlierKubeconfigKeepsWorking() throws Exception {
    Path dataDir = dir.resolve("data");
    String port = Integer.toString(BosunProcess.freePort());
    String kubeconfig;
    try (BosunProcess first =
        BosunProcess.jar(dir, "server", "--data-dir", dataDir.toString(), "--port", port)) {
      first.awaitReady();
      kubeconfig = Files.readString(dataDir.resolve("kubeconfig"));
      first.terminate();
    }

    try (BosunProcess second =
        BosunProcess.jar(dir, "server", "--data-dir", dataDir.toString(), "--port", port)) {
      second.awaitReady();

      assertThat(Files.readString(dataDir.resolve("kubeconfig"))).isEqualTo(kubeconfig);
      second.terminate();
    }
  }
}
