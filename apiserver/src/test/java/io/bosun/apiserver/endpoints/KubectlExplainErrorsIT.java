package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kubectl explain at the top level, and the error text kubectl prints for what the server refuses.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlExplainErrorsIT {
  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  private String failing(String... args) throws Exception {
    Kubectl.Result result = kubectl.run(args);
    assertThat(result.exit())
        .as("kubectl %s printed %s", String.join(" ", args), result.out())
        .isNotZero();
    return result.err().trim();
  }

  @Test
  void explainDescribesPodsAndDeployments() throws Exception {
    String pods = kubectl.ok("explain", "pods");
    assertThat(pods)
        .containsPattern("(?m)^KIND:\\s+Pod$")
        .containsPattern("(?m)^VERSION:\\s+v1$")
        .contains("DESCRIPTION:")
        .contains("Pod is a collection of containers that can run on a host.")
        .contains("FIELDS:")
        .containsPattern("(?m)^  spec\\s+<")
        .containsPattern("(?m)^  status\\s+<");
    String deployments = kubectl.ok("explain", "deployment");
    assertThat(deployments)
        .containsPattern("(?m)^GROUP:\\s+apps$")
        .containsPattern("(?m)^KIND:\\s+Deployment$")
        .containsPattern("(?m)^VERSION:\\s+v1$")
        .containsPattern("(?m)^  metadata\\s+<")
        .containsPattern("(?m)^  spec\\s+<");
  }

  @Test
  void aMissingObjectIsNotFound() throws Exception {
    assertThat(failing("get", "deploy", "nowhere"))
        .isEqualTo("Error from server (NotFound): deployments.apps \"nowhere\" not found");
    assertThat(failing("delete", "configmap", "nowhere"))
        .isEqualTo("Error from server (NotFound): configmaps \"nowhere\" not found");
    // kubectl 1.32 asks for the namespace after a 404 and names it when it is the one missing.
    assertThat(failing("get", "pods", "nowhere", "-n", "no-such-namespace"))
        .isEqualTo("Error from server (NotFound): namespaces \"no-such-namespace\" not found");
  }

  @Test
  void aStaleResourceVersionIsAConflict() throws Exception {
    kubectl.ok("create", "configmap", "contested", "--from-literal=a=1");
    String stale = kubectl.ok("get", "configmap", "contested", "-o", "yaml");
    kubectl.ok("patch", "configmap", "contested", "--type=merge", "-p", "{\"data\":{\"a\":\"2\"}}");
    String file = kubectl.file("stale.yaml", stale.replace("a: \"1\"", "a: \"3\"")).toString();
    assertThat(failing("replace", "-f", file))
        .isEqualTo(
            "Error from server (Conflict): error when replacing \""
                + file
                + "\": Operation cannot be fulfilled on configmaps \"contested\": the object has"
                + " been modified; please apply your changes to the latest version and try again");
    String again = kubectl.file("again.yaml", stale).toString();
    assertThat(failing("create", "-f", again))
        .isEqualTo(
            "Error from server (AlreadyExists): error when creating \""
                + again
                + "\": configmaps \"contested\" already exists");
  }

  @Test
  void anInvalidObjectNamesTheFieldAtFault() throws Exception {
    String badName =
        kubectl
            .file(
                "bad-name.yaml",
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: Bad_Name
                """)
            .toString();
    assertThat(failing("create", "-f", badName))
        .isEqualTo(
            "The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\":"
                + " a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                + " characters, '-' or '.', and must start and end with an alphanumeric character"
                + " (e.g. 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");

    String mismatch =
        kubectl
            .file(
                "mismatch.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: mismatched
                spec:
                  selector:
                    matchLabels: {app: one}
                  template:
                    metadata:
                      labels: {app: other}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                """)
            .toString();
    assertThat(failing("create", "-f", mismatch))
        .isEqualTo(
            "The Deployment \"mismatched\" is invalid: spec.template.metadata.labels: Invalid"
                + " value: map[string]string{\"app\":\"other\"}: `selector` does not match"
                + " template `labels`");
  }
}
