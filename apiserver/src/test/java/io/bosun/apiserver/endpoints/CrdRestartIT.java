package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom resources survive restarts of the packaged apiserver (its embedded PostgreSQL on the same
 * data directory), and a change of the storage version with conversion None, before and after a
 * restart; kubectl drives it all.
 */
class CrdRestartIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String V1 = "things.v1.versions.example.com";
  private static final String V1BETA1 = "things.v1beta1.versions.example.com";

  @TempDir Path dir;

  @Test
  void customResourcesSurviveRestartsAndAStorageVersionChange() throws Exception {
    Path dataDir = dir.resolve("data");
    int port = ApiServerProcess.freePort();
    Kubectl kubectl;
    try (ApiServerProcess server = ApiServerProcess.start(dataDir, port)) {
      kubectl = new Kubectl(dataDir.resolve("kubeconfig"));
      Versions.defineBetaWithOldThing(kubectl);
    }

    try (ApiServerProcess server = ApiServerProcess.start(dataDir, port)) {
      JsonNode old = MAPPER.readTree(kubectl.ok("get", V1BETA1, "old", "-o", "json"));
      assertThat(old.path("spec").path("size").asInt()).isEqualTo(3);

      Versions.storeInV1WithNewThing(kubectl);
    }

    try (ApiServerProcess server = ApiServerProcess.start(dataDir, port)) {
      JsonNode viaV1 = MAPPER.readTree(kubectl.ok("get", V1, "-o", "json"));
      assertThat(viaV1.path("items").findValuesAsText("name")).containsExactly("new", "old");
      assertThat(viaV1.path("items").findValuesAsText("apiVersion"))
          .containsOnly("versions.example.com/v1");
      Kubectl.Result viaBeta = kubectl.run("get", V1BETA1, "new", "-o", "json");
      assertThat(MAPPER.readTree(viaBeta.out()).path("apiVersion").asText())
          .isEqualTo("versions.example.com/v1beta1");
      assertThat(viaBeta.err()).contains("v1beta1 Thing is deprecated");
    }
  }
}
