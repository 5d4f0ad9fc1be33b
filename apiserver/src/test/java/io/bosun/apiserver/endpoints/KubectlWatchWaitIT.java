package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kubectl commands that wait for the server: get --watch and wait, while the test changes things.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlWatchWaitIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  /** Something the test does while kubectl runs. */
  private interface Changes {
    void run() throws Exception;
  }

  /**
   * Runs kubectl with {@code args} until it printed {@code first} (or, with null, until its watch
   * request is answered, which {@code -v=6} logs), makes the changes, then waits until it printed
   * {@code last} (a watch, which is stopped) or exits by itself (a wait).
   */
  private Kubectl.Result whileRunning(String first, Changes changes, String last, String... args)
      throws Exception {
    try (Kubectl.Background run = kubectl.start(args)) {
      if (first != null) {
        await().atMost(PATIENCE).until(() -> run.output().contains(first));
      } else {
        await().atMost(PATIENCE).until(() -> run.log().matches("(?s).*GET \\S+watch=true.*"));
      }
      changes.run();
      if (last == null) {
        return run.await((int) PATIENCE.toSeconds());
      }
      await().atMost(PATIENCE).until(() -> run.output().contains(last));
      return run.stop();
    }
  }

  /** Runs {@code kubectl wait} with a 1 s timeout and checks that it times out on {@code what}. */
  private void assertTimesOut(String what, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(args));
    command.add("--timeout=1s");
    Kubectl.Result early = kubectl.run(command.toArray(String[]::new));
    assertThat(early.exit()).isNotZero();
    // client-go may also log a warning when the 1 s deadline ends its watch within its first
    // second (a race of its own, seen with real Kubernetes too): the error is the last line.
    List<String> lines = early.err().trim().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("error: timed out waiting for the condition on " + what);
    assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.startsWith("W"));
  }

  private void mergePatch(String namespace, String resource, String name, String patch)
      throws Exception {
    kubectl.ok("patch", resource, name, "-n", namespace, "--type=merge", "-p", patch);
  }

  @Test
  void getWatchPrintsARowForEveryChange() throws Exception {
    kubectl.ok("create", "namespace", "watch-get");
    kubectl.ok("create", "configmap", "before", "-n", "watch-get", "--from-literal=a=1");
    Kubectl.Result result =
        whileRunning(
            "before",
            () -> {
              kubectl.ok("create", "configmap", "during", "-n", "watch-get", "--from-literal=a=1");
              mergePatch("watch-get", "cm", "during", "{\"data\":{\"b\":\"2\"}}");
              kubectl.ok("delete", "cm", "during", "-n", "watch-get");
            },
            "DELETED",
            "get",
            "cm",
            "-n",
            "watch-get",
            "--watch",
            "--output-watch-events");
    List<String> lines = result.out().lines().map(String::trim).toList();
    assertThat(lines.get(0).split("\\s+")).containsExactly("EVENT", "NAME", "DATA", "AGE");
    assertThat(lines.subList(1, lines.size()))
        .hasSize(4)
        .satisfies(rows -> assertThat(rows.get(0)).matches("ADDED\\s+before\\s+1\\s+\\d+s"))
        .satisfies(rows -> assertThat(rows.get(1)).matches("ADDED\\s+during\\s+1\\s+\\d+s"))
        .satisfies(rows -> assertThat(rows.get(2)).matches("MODIFIED\\s+during\\s+2\\s+\\d+s"))
        .satisfies(rows -> assertThat(rows.get(3)).matches("DELETED\\s+during\\s+2\\s+\\d+s"));
  }

  @Test
  void getWatchOfOneObjectPrintsItsHeaderOnce() throws Exception {
    kubectl.ok("create", "namespace", "watch-one");
    kubectl.ok("create", "deployment", "web", "-n", "watch-one", "--image=nginx");
    Kubectl.Result result =
        whileRunning(
            "web",
            () -> kubectl.ok("scale", "deploy", "web", "-n", "watch-one", "--replicas=3"),
            "0/3",
            "get",
            "deploy",
            "web",
            "-n",
            "watch-one",
            "--watch");
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE");
    assertThat(lines.stream().filter(l -> l.startsWith("NAME")).count()).isEqualTo(1);
    assertThat(lines.get(1)).matches("web\\s+0/1\\s+0\\s+0\\s+\\d+s");
    assertThat(lines.get(lines.size() - 1)).matches("web\\s+0/3\\s+0\\s+0\\s+\\d+s");
  }

  @Test
  void waitForConditionReturnsOnceTheStatusSaysSo() throws Exception {
    kubectl.ok("create", "namespace", "wait-ready");
    kubectl.ok("run", "slow", "-n", "wait-ready", "--image=busybox");
    assertTimesOut("pods/slow", "wait", "--for=condition=Ready", "pod/slow", "-n", "wait-ready");

    String ready =
        "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\","
            + "\"status\":\"True\",\"lastTransitionTime\":\"2025-01-01T00:00:00Z\"}]}}";
    Kubectl.Result done =
        whileRunning(
            null,
            () ->
                assertThat(
                        Api.patch(
                                "/api/v1/namespaces/wait-ready/pods/slow/status",
                                "application/merge-patch+json",
                                ready)
                            .statusCode())
                    .isEqualTo(200),
            null,
            "wait",
            "--for=condition=Ready",
            "pod/slow",
            "-n",
            "wait-ready",
            "--timeout=30s",
            "-v=6");
    assertThat(done.exit()).as(done.err()).isZero();
    assertThat(done.out()).isEqualTo("pod/slow condition met\n");
  }

  @Test
  void waitForDeleteReturnsOnceTheLastFinalizerIsGone() throws Exception {
    kubectl.ok("create", "namespace", "wait-gone");
    kubectl.ok("create", "configmap", "held", "-n", "wait-gone");
    mergePatch("wait-gone", "cm", "held", "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");
    kubectl.ok("delete", "cm", "held", "-n", "wait-gone", "--wait=false");
    assertTimesOut("configmaps/held", "wait", "--for=delete", "configmap/held", "-n", "wait-gone");

    Kubectl.Result done =
        whileRunning(
            null,
            () -> mergePatch("wait-gone", "cm", "held", "{\"metadata\":{\"finalizers\":null}}"),
            null,
            "wait",
            "--for=delete",
            "configmap/held",
            "-n",
            "wait-gone",
            "--timeout=30s",
            "-v=6");
    assertThat(done.exit()).as(done.err()).isZero();
    assertThat(done.out()).isEqualTo("configmap/held condition met\n");
    assertThat(kubectl.run("get", "cm", "held", "-n", "wait-gone").err())
        .contains("configmaps \"held\" not found");
  }
}
