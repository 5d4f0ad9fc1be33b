package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts {@code ./bosun server} as the README says and drives the real kubectl against it. */
class ServerKubectlIT {
  @TempDir static Path dir;
  static BosunProcess server;
  static Kubectl kubectl;

  @BeforeAll
  static void startServer() throws Exception {
    Path dataDir = dir.resolve("data");
    server =
        BosunProcess.script(
            dir.resolve("logs"),
            "server",
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(BosunProcess.freePort()));
    String ready = server.awaitReady();
    assertThat(ready)
        .isEqualTo(
            "Bosun is ready: kubectl --kubeconfig "
                + dataDir.resolve("kubeconfig")
                + " get namespaces");
    kubectl = new Kubectl(dataDir.resolve("kubeconfig"), Files.createDirectories(dir.resolve("k")));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void printsOnlyTheReadyLineOnStart() {
    assertThat(server.stdout().lines()).containsExactly(server.awaitReady());
  }

  @Test
  void listsTheSystemNamespacesWithTheWrittenKubeconfig() throws Exception {
    assertThat(kubectl.succeed("get", "namespaces", "-o", "name"))
        .contains("namespace/default", "namespace/kube-system");
  }

  @Test
  void createsAConfigMapFromAFileAndReadsItBackAsJson() throws Exception {
    Path file = dir.resolve("settings.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: default
        data:
          colour: blue
          size: "3"
        """);

    assertThat(kubectl.succeed("create", "-f", file.toString()))
        .isEqualTo("configmap/settings created\n");
    JsonNode json =
        new ObjectMapper().readTree(kubectl.succeed("get", "configmap", "settings", "-o", "json"));

    assertThat(json.path("data").path("colour").asText()).isEqualTo("blue");
    assertThat(json.path("data").path("size").asText()).isEqualTo("3");
    assertThat(json.path("metadata").path("resourceVersion").asText()).isNotEmpty();
  }

  @Test
  void aWatchSeesALaterCreateAndDelete() throws Exception {
    Path events = dir.resolve("watch.out");
    Process watch =
        kubectl.background(
            events, "get", "configmaps", "--watch", "--output-watch-events", "-n", "default");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Kubectl.read(events).contains("EVENT"));
      Path file = dir.resolve("watched.yaml");
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: watched
          data:
            a: b
          """);
      kubectl.succeed("create", "-f", file.toString(), "-n", "default");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Kubectl.read(events).matches("(?s).*ADDED\\s+watched\\s.*"));

      kubectl.succeed("delete", "configmap", "watched", "-n", "default");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Kubectl.read(events).matches("(?s).*DELETED\\s+watched\\s.*"));
    } finally {
      watch.destroy();
    }
  }

  @Test
  void deletesAConfigMapSoThatGettingItIsNotFound() throws Exception {
    Path file = dir.resolve("doomed.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: doomed
        """);
    kubectl.succeed("create", "-f", file.toString());

    assertThat(kubectl.succeed("delete", "configmap", "doomed"))
        .isEqualTo("configmap \"doomed\" deleted\n");
    Kubectl.Result get = kubectl.run("get", "configmap", "doomed");

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.err().strip())
        .isEqualTo("Error from server (NotFound): configmaps \"doomed\" not found");
  }

  @Test
  void theBuiltInControllersTurnADeploymentIntoAReplicaSetAndPods() throws Exception {
    kubectl.succeed("create", "deployment", "web", "--image=nginx", "--replicas=2");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(kubectl.succeed("get", "replicasets", "-l", "app=web", "-o", "name"))
                  .startsWith("replicaset.apps/web-");
              assertThat(kubectl.succeed("get", "pods", "-l", "app=web", "-o", "name").lines())
                  .hasSize(2);
            });
    // Background deletion: the garbage collector removes the ReplicaSet and its pods.
    kubectl.succeed("delete", "deployment", "web");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kubectl.succeed("get", "pods", "-l", "app=web", "-o", "name"))
                    .isEmpty());
  }
}
