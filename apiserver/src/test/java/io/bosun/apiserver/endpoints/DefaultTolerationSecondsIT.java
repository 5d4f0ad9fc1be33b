package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DefaultTolerationSeconds admission step, as kubectl shows a created pod. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DefaultTolerationSecondsIT {
  Kubectl kubectl;

  @BeforeEach
  void kubectl() throws Exception {
    kubectl = new Kubectl();
  }

  @Test
  void aCreatedPodToleratesNotReadyAndUnreachableNodesForFiveMinutes() throws Exception {
    kubectl.ok("run", "dts-plain", "--image=busybox");

    String yaml = kubectl.ok("get", "pod", "dts-plain", "-o", "yaml");

    assertThat(yaml)
        .contains(
            """
              tolerations:
              - effect: NoExecute
                key: node.kubernetes.io/not-ready
                operator: Exists
                tolerationSeconds: 300
              - effect: NoExecute
                key: node.kubernetes.io/unreachable
                operator: Exists
                tolerationSeconds: 300
            """);
  }

  @Test
  void explicitTolerationsAreKeptAndOnlyTheMissingDefaultIsAdded() throws Exception {
    kubectl.ok(
        "run",
        "dts-explicit",
        "--image=busybox",
        "--overrides="
            + "{\"spec\":{\"tolerations\":[{\"key\":\"node.kubernetes.io/unreachable\","
            + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":7},"
            + "{\"key\":\"gpu\",\"operator\":\"Equal\",\"value\":\"yes\","
            + "\"effect\":\"NoSchedule\"}]}}");

    String tolerations =
        kubectl.ok(
            "get",
            "pod",
            "dts-explicit",
            "-o",
            "jsonpath={range .spec.tolerations[*]}{.key}={.tolerationSeconds}{\"\\n\"}{end}");

    assertThat(tolerations)
        .isEqualTo("node.kubernetes.io/unreachable=7\ngpu=\nnode.kubernetes.io/not-ready=300\n");
  }
}
