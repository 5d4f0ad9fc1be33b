package io.bosun.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {
  private static final String CA_PEM =
      "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String kubeconfig(String current, String cluster, String user) {
    return """
        apiVersion: v1
        kind: Config
        current-context: %s
        clusters:
        - name: c1
          cluster:
        %s
        users:
        - name: u1
          user:
        %s
        contexts:
        - name: one
          context: {cluster: c1, user: u1, namespace: team-a}
        - name: two
          context: {cluster: c1, user: u1}
        """
        .formatted(current, cluster.indent(4).stripTrailing(), user.indent(4).stripTrailing());
  }

  @Test
  void readsTheCurrentContextWithInlineCertificateAndToken() throws IOException {
    Path file =
        write(
            "config",
            kubeconfig(
                "one",
                "server: https://10.0.0.1:6443\ncertificate-authority-data: " + base64(CA_PEM),
                "token: secret"));

    ClusterConfig config = ClusterConfig.fromKubeconfig(file);

    assertThat(config.server()).isEqualTo(URI.create("https://10.0.0.1:6443"));
    assertThat(config.certificateAuthorityPem()).contains(CA_PEM);
    assertThat(config.bearerToken()).contains("secret");
    assertThat(config.namespace()).isEqualTo("team-a");
    assertThat(config.source()).contains(file.toString()).contains("\"one\"");
  }

  @Test
  void resolvesFilePathsAgainstTheKubeconfigsDirectory() throws IOException {
    write("sub/ca.crt", CA_PEM);
    write("sub/client.crt", "CERT");
    write("sub/client.key", "KEY");
    write("sub/token", "from-file\n");
    Path file =
        write(
            "sub/config",
            kubeconfig(
                "two",
                "server: https://h:1\ncertificate-authority: ca.crt",
                "client-certificate: client.crt\nclient-key: client.key\ntokenFile: token"));

    ClusterConfig config = ClusterConfig.fromKubeconfig(file);

    assertThat(config.certificateAuthorityPem()).contains(CA_PEM);
    assertThat(config.clientCertificatePem()).contains("CERT");
    assertThat(config.clientKeyPem()).contains("KEY");
    assertThat(config.bearerTokenFile()).contains(dir.resolve("sub/token"));
    assertThat(config.namespace()).isEqualTo(ClusterConfig.DEFAULT_NAMESPACE);
  }

  @Test
  void picksANamedContext() throws IOException {
    Path file = write("config", kubeconfig("one", "server: https://h:1", "token: t"));

    assertThat(ClusterConfig.fromKubeconfig(file, "two").namespace()).isEqualTo("default");
  }

  @Test
  void mergesTheFilesOfKubeconfigWithTheFirstDefinitionWinning() throws IOException {
    Path first =
        write(
            "first",
            """
            current-context: mine
            contexts:
            - name: mine
              context: {cluster: c1, user: u1}
            users:
            - name: u1
              user: {token: first-token}
            """);
    Path second =
        write("second", kubeconfig("one", "server: https://second:6443", "token: second"));
    Path missing = dir.resolve("missing");
    String env = first + File.pathSeparator + missing + File.pathSeparator + second;

    ClusterConfig config = ClusterConfig.load(Map.of("KUBECONFIG", env), dir);

    assertThat(config.server()).isEqualTo(URI.create("https://second:6443"));
    assertThat(config.bearerToken()).contains("first-token");
  }

  @Test
  void fallsBackToTheHomeKubeconfigAndThenToThePodsServiceAccount() throws IOException {
    write(".kube/config", kubeconfig("one", "server: https://home:6443", "token: t"));
    assertThat(ClusterConfig.load(Map.of(), dir).server().getHost()).isEqualTo("home");

    Path serviceAccount = Files.createDirectories(dir.resolve("sa"));
    Files.writeString(serviceAccount.resolve("token"), "sa-token");
    Files.writeString(serviceAccount.resolve("ca.crt"), CA_PEM);
    Files.writeString(serviceAccount.resolve("namespace"), "ops\n");
    ClusterConfig pod =
        InCluster.load(
            Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"),
            serviceAccount);
    assertThat(pod.server()).isEqualTo(URI.create("https://10.96.0.1:443"));
    assertThat(pod.bearerTokenFile()).contains(serviceAccount.resolve("token"));
    assertThat(pod.certificateAuthorityPem()).contains(CA_PEM);
    assertThat(pod.namespace()).isEqualTo("ops");
  }

  @Test
  void saysClearlyWhenThereIsNoConfigurationAtAll() {
    assertThatThrownBy(() -> ClusterConfig.load(Map.of(), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "no Kubernetes configuration found: KUBECONFIG is not set, "
                + dir.resolve(".kube/config")
                + " does not exist, and this is not a pod (KUBERNETES_SERVICE_HOST is not set)")
        .hasNoCause();
  }

  @Test
  void saysWhichFileIsMissingOrMalformedAndWhere() throws IOException {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> ClusterConfig.fromKubeconfig(missing))
        .hasMessage("kubeconfig " + missing + " does not exist");

    Path broken = write("broken", "clusters:\n  - name: [unclosed\n");
    assertThatThrownBy(() -> ClusterConfig.fromKubeconfig(broken))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kubeconfig " + broken + " is not valid YAML at line ");
  }

  @Test
  void namesTheContextsThereAreWhenTheOneAskedForIsMissing() throws IOException {
    Path file = write("config", kubeconfig("one", "server: https://h:1", "token: t"));

    assertThatThrownBy(() -> ClusterConfig.fromKubeconfig(file, "three"))
        .hasMessage("kubeconfig " + file + " has no context named \"three\" (contexts: one, two)");
  }

  @Test
  void refusesCredentialPluginsItCannotRun() throws IOException {
    Path file =
        write(
            "config",
            kubeconfig("one", "server: https://h:1", "exec:\n  command: aws\n  apiVersion: v1"));

    assertThatThrownBy(() -> ClusterConfig.fromKubeconfig(file))
        .hasMessageContaining("an exec credential plugin, which Bosun's client does not support");
  }

  @Test
  void refusesAServerThatIsNotAnHttpUrl() throws IOException {
    Path file = write("config", kubeconfig("one", "server: ftp://h:1", "token: t"));

    assertThatThrownBy(() -> ClusterConfig.fromKubeconfig(file))
        .hasMessageContaining("invalid server address \"ftp://h:1\"");
  }
}
