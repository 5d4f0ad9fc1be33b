package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code dryRun=All} through the real kubectl: checked like a real write, never stored. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlDryRunIT {
  static final String MANIFEST =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: %s
      data:
        a: "%s"
      """;

  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  @Test
  void dryRunCreateValidatesButStoresNothing() throws Exception {
    Path file = kubectl.file("dry.yaml", MANIFEST.formatted("dry", "1"));

    assertThat(kubectl.ok("create", "-f", file.toString(), "--dry-run=server"))
        .contains("configmap/dry created (server dry run)");
    assertThat(kubectl.run("get", "configmap", "dry").err()).contains("NotFound");

    Path invalid = kubectl.file("bad.yaml", MANIFEST.formatted("Bad_Name", "1"));
    assertThat(kubectl.run("create", "-f", invalid.toString(), "--dry-run=server").err())
        .contains("is invalid");
  }

  @Test
  void dryRunPatchAndDeleteLeaveTheObjectAsItWas() throws Exception {
    kubectl.ok(
        "create", "-f", kubectl.file("kept.yaml", MANIFEST.formatted("kept", "1")).toString());

    assertThat(
            kubectl.ok(
                "label",
                "configmap",
                "kept",
                "x=y",
                "--dry-run=server",
                "-o",
                "jsonpath={.metadata.labels.x}"))
        .isEqualTo("y");
    kubectl.ok("delete", "configmap", "kept", "--dry-run=server");

    assertThat(kubectl.ok("get", "configmap", "kept", "-o", "jsonpath={.metadata.labels}"))
        .isEmpty();
  }

  @Test
  void diffShowsWhatApplyWouldChange() throws Exception {
    kubectl.ok(
        "apply", "-f", kubectl.file("d1.yaml", MANIFEST.formatted("diffed", "1")).toString());

    Kubectl.Result same =
        kubectl.run(
            "diff", "-f", kubectl.file("d1b.yaml", MANIFEST.formatted("diffed", "1")).toString());
    Kubectl.Result changed =
        kubectl.run(
            "diff", "-f", kubectl.file("d2.yaml", MANIFEST.formatted("diffed", "2")).toString());

    assertThat(same.exit()).as(same.err()).isZero();
    assertThat(changed.exit())
        .as("kubectl diff exits 1 when there are differences: " + changed.err())
        .isEqualTo(1);
    assertThat(changed.out()).contains("-  a: \"1\"").contains("+  a: \"2\"");
    assertThat(kubectl.ok("get", "configmap", "diffed", "-o", "jsonpath={.data.a}")).isEqualTo("1");
  }
}
