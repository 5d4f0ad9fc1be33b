package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl auth} against the review kinds: kubectl sends them as protobuf, and they are
 * answered, never stored.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlAuthIT {
  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  @Test
  void canIAnswersFromTheAuthorizerAndListsItsRules() throws Exception {
    Kubectl.Result yes = kubectl.run("auth", "can-i", "create", "deployments.apps");
    assertThat(yes.exit()).as(yes.err()).isZero();
    assertThat(yes.out().trim()).isEqualTo("yes");
    assertThat(kubectl.ok("auth", "can-i", "get", "/healthz").trim()).isEqualTo("yes");

    String rules = kubectl.ok("auth", "can-i", "--list", "--namespace", "default");
    assertThat(rules).contains("*.*").contains("[*]");
  }

  @Test
  void whoamiShowsTheCaller() throws Exception {
    String whoami = kubectl.ok("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}");
    assertThat(whoami).isEqualTo("admin");
    assertThat(kubectl.ok("auth", "whoami")).contains("system:masters");
  }

  @Test
  void reviewsAreCreateOnlyAndListedSo() throws Exception {
    assertThat(kubectl.ok("api-resources", "--api-group=authorization.k8s.io", "-o", "wide"))
        .containsPattern(
            "selfsubjectaccessreviews +authorization.k8s.io/v1 +false +\\w+ +create\\s")
        .containsPattern(
            "localsubjectaccessreviews +authorization.k8s.io/v1 +true +\\w+ +create\\s");
    assertThat(kubectl.run("get", "selfsubjectaccessreviews").err())
        .contains("Error from server (MethodNotAllowed)");

    Path review =
        kubectl.file(
            "sar.yaml",
            """
            apiVersion: authorization.k8s.io/v1
            kind: SubjectAccessReview
            spec:
              user: someone
              resourceAttributes:
                verb: delete
                resource: pods
                namespace: default
            """);
    assertThat(kubectl.ok("create", "-f", review.toString(), "-o", "jsonpath={.status.allowed}"))
        .isEqualTo("true");
    Path invalid =
        kubectl.file(
            "bad.yaml",
            """
            apiVersion: authorization.k8s.io/v1
            kind: SubjectAccessReview
            spec:
              resourceAttributes:
                verb: delete
                resource: pods
            """);
    assertThat(kubectl.run("create", "-f", invalid.toString()).err())
        .contains(
            "spec.user: Invalid value: \"\": at least one of user or group must be specified");
  }
}
