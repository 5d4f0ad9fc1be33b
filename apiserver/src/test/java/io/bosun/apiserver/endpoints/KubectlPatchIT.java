package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real kubectl's patching commands: label, annotate, patch of each type, apply. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlPatchIT {
  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  private void createConfigMap(String name) throws Exception {
    Path file =
        kubectl.file(
            name + ".yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: %s
              labels: {app: web}
            data:
              a: "1"
            """
                .formatted(name));
    kubectl.ok("create", "-f", file.toString());
  }

  private String jsonpath(String name, String expression) throws Exception {
    return kubectl.ok("get", "configmap", name, "-o", "jsonpath=" + expression);
  }

  @Test
  void labelAndAnnotateAddOverwriteAndRemove() throws Exception {
    createConfigMap("labelled");

    kubectl.ok("label", "configmap", "labelled", "tier=front");
    kubectl.ok("annotate", "configmap", "labelled", "note=hello");
    assertThat(kubectl.ok("get", "configmaps", "-l", "app=web,tier=front", "-o", "name"))
        .contains("configmap/labelled");
    assertThat(jsonpath("labelled", "{.metadata.annotations.note}")).isEqualTo("hello");

    assertThat(kubectl.run("label", "configmap", "labelled", "tier=back").err())
        .contains("already has a value");
    kubectl.ok("label", "configmap", "labelled", "tier=back", "--overwrite");
    kubectl.ok("label", "configmap", "labelled", "app-");
    assertThat(jsonpath("labelled", "{.metadata.labels}")).isEqualTo("{\"tier\":\"back\"}");
  }

  @Test
  void patchesWithEachPatchType() throws Exception {
    createConfigMap("patched");

    kubectl.ok("patch", "configmap", "patched", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}");
    kubectl.ok("patch", "configmap", "patched", "-p", "{\"data\":{\"c\":\"3\",\"a\":null}}");
    kubectl.ok(
        "patch",
        "configmap",
        "patched",
        "--type=json",
        "-p",
        "[{\"op\":\"replace\",\"path\":\"/data/b\",\"value\":\"22\"}]");

    assertThat(jsonpath("patched", "{.data}")).isEqualTo("{\"b\":\"22\",\"c\":\"3\"}");
  }

  @Test
  void aFailingJsonPatchTestLeavesTheObjectAlone() throws Exception {
    createConfigMap("guarded");

    Kubectl.Result result =
        kubectl.run(
            "patch",
            "configmap",
            "guarded",
            "--type=json",
            "-p",
            "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"9\"},"
                + "{\"op\":\"remove\",\"path\":\"/data/a\"}]");

    assertThat(result.exit()).isNotZero();
    // 422 Invalid, which kubectl prints as "The request is invalid: <message>".
    assertThat(result.err()).contains("The request is invalid").contains("Expected value");
    assertThat(jsonpath("guarded", "{.data.a}")).isEqualTo("1");
  }

  @Test
  void clientSideApplyTwiceMergesThreeWays() throws Exception {
    String manifest =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: applied
        data:
          keep: "1"
          drop: "2"
        """;
    assertThat(kubectl.ok("apply", "-f", kubectl.file("v1.yaml", manifest).toString()))
        .contains("configmap/applied created");
    // A change made by someone else survives the next apply: apply only removes what it set.
    kubectl.ok(
        "patch", "configmap", "applied", "--type=merge", "-p", "{\"data\":{\"other\":\"x\"}}");

    String changed = manifest.replace("  drop: \"2\"\n", "  added: \"3\"\n");
    assertThat(kubectl.ok("apply", "-f", kubectl.file("v2.yaml", changed).toString()))
        .contains("configmap/applied configured");

    assertThat(jsonpath("applied", "{.data}"))
        .isEqualTo("{\"added\":\"3\",\"keep\":\"1\",\"other\":\"x\"}");
  }
}
