package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real kubectl's server-side apply: managers, conflicts, pruning, migration, diff. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlServerSideApplyIT {
  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  private static String deployment(String name, int replicas) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          replicas: %d
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """
        .formatted(name, replicas, name, name);
  }

  private static String configMap(String name, String labels, String data) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          labels: {%s}
        data:
        %s"""
        .formatted(name, labels, data.indent(2));
  }

  private String apply(String file, String content, String... flags) throws Exception {
    String[] args = new String[flags.length + 4];
    args[0] = "apply";
    args[1] = "--server-side";
    args[2] = "-f";
    args[3] = kubectl.file(file, content).toString();
    System.arraycopy(flags, 0, args, 4, flags.length);
    return kubectl.ok(args);
  }

  private String get(String resource, String expression) throws Exception {
    return kubectl.ok("get", resource, "-o", "jsonpath=" + expression);
  }

  @Test
  void twoManagersConflictUntilTheSecondForcesTheField() throws Exception {
    assertThat(apply("alice.yaml", deployment("ssa-web", 2), "--field-manager=alice"))
        .contains("deployment.apps/ssa-web serverside-applied");

    Kubectl.Result conflict =
        kubectl.run(
            "apply",
            "--server-side",
            "--field-manager=bob",
            "-f",
            kubectl.file("bob.yaml", deployment("ssa-web", 5)).toString());

    assertThat(conflict.exit()).isEqualTo(1);
    assertThat(conflict.err())
        .contains("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas")
        .contains("--force-conflicts");
    assertThat(get("deployment/ssa-web", "{.spec.replicas}")).isEqualTo("2");

    assertThat(
            apply("bob.yaml", deployment("ssa-web", 5), "--field-manager=bob", "--force-conflicts"))
        .contains("serverside-applied");

    assertThat(get("deployment/ssa-web", "{.spec.replicas}")).isEqualTo("5");
    JsonNode managed =
        ResourceApiIT.parse(
                kubectl.ok("get", "deployment/ssa-web", "-o", "json", "--show-managed-fields"))
            .path("metadata")
            .path("managedFields");
    assertThat(managed).hasSize(2);
    for (JsonNode entry : managed) {
      boolean ownsReplicas = entry.path("fieldsV1").path("f:spec").has("f:replicas");
      assertThat(ownsReplicas)
          .as(entry.toString())
          .isEqualTo(entry.path("manager").asText().equals("bob"));
    }
  }

  @Test
  void aFieldRemovedFromTheAppliedFileIsRemovedFromTheObject() throws Exception {
    apply("v1.yaml", configMap("ssa-prune", "app: web, tier: front", "a: \"1\"\nb: \"2\""));
    assertThat(get("configmap/ssa-prune", "{.data}")).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");

    apply("v2.yaml", configMap("ssa-prune", "app: web", "a: \"1\""));

    assertThat(get("configmap/ssa-prune", "{.data}")).isEqualTo("{\"a\":\"1\"}");
    assertThat(get("configmap/ssa-prune", "{.metadata.labels}")).isEqualTo("{\"app\":\"web\"}");
  }

  @Test
  void aClientSideAppliedObjectMovesToServerSideApply() throws Exception {
    assertThat(
            kubectl.ok(
                "apply",
                "-f",
                kubectl
                    .file("csa.yaml", configMap("ssa-migrate", "app: web", "a: \"1\"\nb: \"2\""))
                    .toString()))
        .contains("configmap/ssa-migrate created");
    assertThat(get("configmap/ssa-migrate", "{.metadata.managedFields[*].manager}"))
        .isEqualTo("kubectl-client-side-apply");

    // The changed value would conflict with kubectl-client-side-apply, but kubectl applied it.
    assertThat(apply("ssa.yaml", configMap("ssa-migrate", "app: web", "a: \"x\"")))
        .contains("configmap/ssa-migrate serverside-applied");

    assertThat(get("configmap/ssa-migrate", "{.data}")).isEqualTo("{\"a\":\"x\"}");
    assertThat(get("configmap/ssa-migrate", "{.metadata.managedFields[*].manager}"))
        .doesNotContain("kubectl-client-side-apply")
        .contains("kubectl");
    assertThat(
            get(
                "configmap/ssa-migrate",
                "{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}"))
        .contains("\"a\":\"x\"")
        .doesNotContain("\"b\"");
  }

  @Test
  void diffShowsWhatAServerSideApplyWouldChange() throws Exception {
    apply("v1.yaml", configMap("ssa-diff", "app: web", "a: \"1\""));

    Kubectl.Result diff =
        kubectl.run(
            "diff",
            "--server-side",
            "-f",
            kubectl.file("v2.yaml", configMap("ssa-diff", "app: web", "a: \"2\"")).toString());

    assertThat(diff.exit()).as(diff.err()).isEqualTo(1);
    assertThat(diff.out()).contains("-  a: \"1\"").contains("+  a: \"2\"");
    assertThat(get("configmap/ssa-diff", "{.data.a}")).isEqualTo("1");

    Kubectl.Result same =
        kubectl.run(
            "diff",
            "--server-side",
            "-f",
            kubectl.file("v1.yaml", configMap("ssa-diff", "app: web", "a: \"1\"")).toString());
    assertThat(same.exit()).as(same.out() + same.err()).isZero();
  }

  @Test
  void managedFieldsShowWhoWroteWhatWhenAsked() throws Exception {
    kubectl.ok(
        "create",
        "-f",
        kubectl.file("cm.yaml", configMap("ssa-shown", "app: web", "a: \"1\"")).toString());
    kubectl.ok("label", "configmap", "ssa-shown", "tier=front");

    String plain = kubectl.ok("get", "configmap", "ssa-shown", "-o", "yaml");
    String shown =
        kubectl.ok("get", "configmap", "ssa-shown", "-o", "yaml", "--show-managed-fields");

    assertThat(plain).doesNotContain("managedFields");
    assertThat(shown)
        .contains("managedFields:")
        .contains("manager: kubectl-create")
        .contains("manager: kubectl-label")
        .contains("operation: Update")
        .contains("fieldsType: FieldsV1")
        .contains("f:tier: {}");
  }
}
