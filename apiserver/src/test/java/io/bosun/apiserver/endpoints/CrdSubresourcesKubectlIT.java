package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl against the subresources, watches and versions of custom resources: {@code
 * kubectl scale} through {@code /scale}, status only through {@code /status}, generation bumped by
 * spec changes, {@code kubectl get --watch}, a deprecated version's warning, and a second version
 * with conversion None.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CrdSubresourcesKubectlIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String GROUP = "sub.example.com";
  private static final String RESOURCE = "widgets." + GROUP;

  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
    Crds.define(kubectl, GROUP, "widgets", "Widget", "sw", "sub");
  }

  private void create(String name, String spec) throws Exception {
    kubectl.ok(
        "create",
        "-f",
        kubectl.file(name + ".yaml", Crds.widget(GROUP, "Widget", name, spec)).toString());
  }

  private JsonNode widget(String name) throws Exception {
    return MAPPER.readTree(kubectl.ok("get", RESOURCE, name, "-o", "json"));
  }

  @Test
  void kubectlScaleWritesTheReplicasPathThroughTheScaleSubresource() throws Exception {
    create("scaled", "color: red\nreplicas: 1");
    kubectl.ok(
        "patch",
        RESOURCE,
        "scaled",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"replicas\":1,\"selector\":\"app=scaled\"}}");

    kubectl.ok("scale", RESOURCE + "/scaled", "--replicas=4");

    assertThat(widget("scaled").path("spec").path("replicas").asInt()).isEqualTo(4);
    JsonNode scale =
        MAPPER.readTree(
            kubectl.ok(
                "get", "--raw", "/apis/" + GROUP + "/v1/namespaces/default/widgets/scaled/scale"));
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
    assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(4);
    assertThat(scale.path("status").path("replicas").asInt()).isEqualTo(1);
    assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=scaled");

    Kubectl.Result tooMany = kubectl.run("scale", RESOURCE + "/scaled", "--replicas=11");
    assertThat(tooMany.exit()).isNotZero();
    assertThat(tooMany.err()).contains("replicas must not exceed maxReplicas");
  }

  @Test
  void statusChangesOnlyThroughStatusAndSpecChangesBumpTheGeneration() throws Exception {
    create("stated", "color: red");
    assertThat(widget("stated").has("status")).isFalse();

    kubectl.ok(
        "patch",
        RESOURCE,
        "stated",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"phase\":\"Ready\"},\"spec\":{\"color\":\"blue\"}}");
    JsonNode afterStatus = widget("stated");
    assertThat(afterStatus.path("status").path("phase").asText()).isEqualTo("Ready");
    assertThat(afterStatus.path("spec").path("color").asText()).isEqualTo("red");
    assertThat(afterStatus.path("metadata").path("generation").asInt()).isEqualTo(1);

    kubectl.ok(
        "patch",
        RESOURCE,
        "stated",
        "--type=merge",
        "-p",
        "{\"status\":{\"phase\":\"Lost\"},\"spec\":{\"color\":\"green\"}}");
    JsonNode afterMain = widget("stated");
    assertThat(afterMain.path("status").path("phase").asText()).isEqualTo("Ready");
    assertThat(afterMain.path("spec").path("color").asText()).isEqualTo("green");
    assertThat(afterMain.path("metadata").path("generation").asInt()).isEqualTo(2);

    kubectl.ok("label", RESOURCE, "stated", "tier=front");
    assertThat(widget("stated").path("metadata").path("generation").asInt()).isEqualTo(2);
  }

  @Test
  void strategicMergePatchIsRefusedAsForEveryCustomResource() throws Exception {
    create("strategic", "color: red");

    Kubectl.Result result =
        kubectl.run(
            "patch",
            RESOURCE,
            "strategic",
            "--type=strategic",
            "-p",
            "{\"spec\":{\"color\":\"blue\"}}");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("application/merge-patch+json");
  }

  @Test
  void kubectlWatchSeesCustomResourcesCreatedChangedAndDeleted() throws Exception {
    create("watched-before", "color: red");
    Path out = kubectl.dir.resolve("watch.out");
    Process watch = kubectl.start(out, "get", RESOURCE, "--watch", "--output-watch-events");
    try {
      // The initial list shows the watch is running before anything changes.
      awaitLine(out, "ADDED", "watched-before");
      create("watched", "color: red");
      awaitLine(out, "ADDED", "watched");
      kubectl.ok(
          "patch", RESOURCE, "watched", "--type=merge", "-p", "{\"spec\":{\"color\":\"blue\"}}");
      awaitLine(out, "MODIFIED", "watched");
      kubectl.ok("delete", RESOURCE, "watched");
      awaitLine(out, "DELETED", "watched");
    } finally {
      watch.destroy();
    }
  }

  /** Waits for the watch's table to show an event of this type for this object. */
  private static void awaitLine(Path out, String event, String name) {
    Pattern line = Pattern.compile("(?m)^" + event + "\\s+" + name + "\\s");
    await().atMost(Duration.ofSeconds(10)).until(() -> line.matcher(Files.readString(out)).find());
  }

  @Test
  void aNewStorageVersionServesTheStoredObjectsInBothVersionsAndTheOldOneWarns() throws Exception {
    Versions.defineBetaWithOldThing(kubectl);
    Versions.storeInV1WithNewThing(kubectl);

    JsonNode viaV1 =
        MAPPER.readTree(kubectl.ok("get", "things.v1.versions.example.com", "-o", "json"));
    assertThat(viaV1.path("items").findValuesAsText("apiVersion"))
        .containsExactly("versions.example.com/v1", "versions.example.com/v1");
    assertThat(viaV1.path("items").findValuesAsText("size")).containsExactly("3", "3");
    Kubectl.Result viaBeta =
        kubectl.run("get", "things.v1beta1.versions.example.com", "new", "-o", "json");
    assertThat(viaBeta.exit()).isZero();
    assertThat(MAPPER.readTree(viaBeta.out()).path("apiVersion").asText())
        .isEqualTo("versions.example.com/v1beta1");
    assertThat(viaBeta.err())
        .contains(
            "Warning: versions.example.com/v1beta1 Thing is deprecated; use"
                + " versions.example.com/v1 Thing");
    JsonNode crd =
        MAPPER.readTree(kubectl.ok("get", "crd", "things.versions.example.com", "-o", "json"));
    assertThat(crd.path("status").path("storedVersions").toString())
        .isEqualTo("[\"v1beta1\",\"v1\"]");
  }
}
