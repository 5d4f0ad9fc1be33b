package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kubectl delete against the deletion rules: waiting, grace periods, cascade and namespaces. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlDeleteIT {
  Kubectl kubectl;

  @BeforeEach
  void kubectl() throws Exception {
    kubectl = new Kubectl();
  }

  @Test
  void deletingANamespaceWaitsUntilItsContentsAndItAreGone() throws Exception {
    kubectl.ok("create", "namespace", "k-gone");
    kubectl.ok("create", "configmap", "inside", "-n", "k-gone", "--from-literal=a=1");
    assertThat(kubectl.ok("delete", "namespace", "k-gone"))
        .isEqualTo("namespace \"k-gone\" deleted\n");
    assertThat(kubectl.run("get", "namespace", "k-gone").err())
        .contains("namespaces \"k-gone\" not found");
  }

  @Test
  void aScheduledPodWaitsForItsNodeUnlessForced() throws Exception {
    kubectl.ok(
        "run", "k-pod", "--image=busybox", "--overrides={\"spec\":{\"nodeName\":\"node-a\"}}");
    assertThat(kubectl.ok("delete", "pod", "k-pod", "--wait=false"))
        .isEqualTo("pod \"k-pod\" deleted\n");
    assertThat(
            kubectl.ok(
                "get", "pod", "k-pod", "-o", "jsonpath={.metadata.deletionGracePeriodSeconds}"))
        .isEqualTo("30");

    Kubectl.Result forced = kubectl.run("delete", "pod", "k-pod", "--grace-period=0", "--force");
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(forced.err()).contains("Immediate deletion does not wait for confirmation");
    assertThat(Api.get("/api/v1/namespaces/default/pods/k-pod").statusCode()).isEqualTo(404);
  }

  @Test
  void cascadeOptionsBecomeTheGarbageCollectorsFinalizers() throws Exception {
    kubectl.ok("create", "configmap", "k-orphan", "--from-literal=a=1");
    kubectl.ok("delete", "configmap", "k-orphan", "--cascade=orphan", "--wait=false");
    assertThat(
            json(Api.get("/api/v1/namespaces/default/configmaps/k-orphan"))
                .path("metadata")
                .path("finalizers")
                .toString())
        .isEqualTo("[\"orphan\"]");

    kubectl.ok("create", "configmap", "k-fg", "--from-literal=a=1");
    kubectl.ok("delete", "configmap", "k-fg", "--cascade=foreground", "--wait=false");
    assertThat(kubectl.ok("get", "cm", "k-fg", "-o", "jsonpath={.metadata.finalizers}"))
        .isEqualTo("[\"foregroundDeletion\"]");
  }
}
