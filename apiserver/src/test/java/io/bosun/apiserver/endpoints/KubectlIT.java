package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the real kubectl 1.32 against the test server. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlIT {
  static final String KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";
  Path dir;
  Path kubeconfig;

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void writeKubeconfig() throws IOException {
    dir = Files.createTempDirectory("bosun-kubectl");
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: bosun
          cluster:
            server: https://localhost:%s
            insecure-skip-tls-verify: true
        users:
        - name: admin
          user:
            token: %s
        contexts:
        - name: bosun
          context:
            cluster: bosun
            user: admin
        current-context: bosun
        """
            .formatted(
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("quarkus.http.test-ssl-port", Integer.class),
                EmbeddedPostgresResource.TOKEN));
  }

  Result kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(KUBECTL, "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // A private HOME keeps kubectl's discovery cache out of the user's ~/.kube.
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void createsGetsAndDeletesAConfigMapFromYaml() throws Exception {
    Path file = dir.resolve("cm.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: from-yaml
          labels:
            app: demo
        data:
          greeting: hello
          name: world
        """);
    Result created = kubectl("create", "-f", file.toString());
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out().trim()).isEqualTo("configmap/from-yaml created");

    Result json = kubectl("get", "configmap", "from-yaml", "-o", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode object = ResourceApiIT.parse(json.out());
    assertThat(object.path("data").path("greeting").asText()).isEqualTo("hello");
    assertThat(object.path("metadata").path("namespace").asText()).isEqualTo("default");

    Result table = kubectl("get", "cm", "-l", "app=demo");
    assertThat(table.exit()).as(table.err()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0).split("\\s+")).containsExactly("NAME", "DATA", "AGE");
    assertThat(lines.get(1).split("\\s+")[0]).isEqualTo("from-yaml");
    assertThat(lines.get(1).split("\\s+")[1]).isEqualTo("2");

    Result namespaces = kubectl("get", "namespaces");
    assertThat(namespaces.out()).contains("kube-system").contains("Active");

    Result deleted = kubectl("delete", "configmap", "from-yaml");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(deleted.out().trim()).isEqualTo("configmap \"from-yaml\" deleted");
  }

  @Test
  void printsKubernetesErrorForAMissingObject() throws Exception {
    Result missing = kubectl("get", "configmap", "nope");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err().trim())
        .isEqualTo("Error from server (NotFound): configmaps \"nope\" not found");
  }

  @Test
  void createsNamespacesAndSecretsFromYaml() throws Exception {
    // Files go through kubectl's JSON client; the imperative commands below send protobuf.
    Path file = dir.resolve("secret.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team-a
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: creds
          namespace: team-a
        stringData:
          user: me
        """);
    Result created = kubectl("create", "-f", file.toString());
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("namespace/team-a created").contains("secret/creds created");
    Result table = kubectl("get", "secrets", "-n", "team-a");
    assertThat(table.out().lines().toList().get(0).split("\\s+"))
        .containsExactly("NAME", "TYPE", "DATA", "AGE");
    assertThat(table.out()).contains("creds").contains("Opaque");
  }

  @Test
  void imperativeCreateCommandsSendProtobufThatTheServerDecodes() throws Exception {
    Result namespace = kubectl("create", "namespace", "imperative", "-v=8");
    assertThat(namespace.exit()).as(namespace.err()).isZero();
    assertThat(namespace.err()).contains("Content-Type: application/vnd.kubernetes.protobuf");
    assertThat(namespace.out().trim()).isEqualTo("namespace/imperative created");

    Result configMap =
        kubectl("create", "configmap", "x", "-n", "imperative", "--from-literal=a=b");
    assertThat(configMap.exit()).as(configMap.err()).isZero();
    assertThat(configMap.out().trim()).isEqualTo("configmap/x created");

    Result secret =
        kubectl("create", "secret", "generic", "s", "-n", "imperative", "--from-literal=k=v");
    assertThat(secret.exit()).as(secret.err()).isZero();
    assertThat(secret.out().trim()).isEqualTo("secret/s created");

    JsonNode ns =
        ResourceApiIT.parse(kubectl("get", "namespace", "imperative", "-o", "json").out());
    assertThat(ns.path("status").path("phase").asText()).isEqualTo("Active");
    assertThat(ns.path("metadata").has("generateName")).isFalse();
    JsonNode cm =
        ResourceApiIT.parse(
            kubectl("get", "configmap", "x", "-n", "imperative", "-o", "json").out());
    assertThat(cm.path("data").path("a").asText()).isEqualTo("b");
    assertThat(cm.path("metadata").path("namespace").asText()).isEqualTo("imperative");
    assertThat(cm.path("metadata").path("uid").asText()).isNotEmpty();
    JsonNode s =
        ResourceApiIT.parse(kubectl("get", "secret", "s", "-n", "imperative", "-o", "json").out());
    assertThat(s.path("data").path("k").asText()).isEqualTo("dg==");
    assertThat(s.path("type").asText()).isEqualTo("Opaque");
  }
}
