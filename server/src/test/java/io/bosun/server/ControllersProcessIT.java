package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bosun server --no-controllers} with two {@code bosun controllers} processes beside it: one
 * copy holds the Lease and runs the Deployment, the other takes over when it stops.
 */
class ControllersProcessIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String STANDING_BY = "Bosun controllers are standing by as ";
  static final String LEADING = "Bosun controllers are leading as ";

  @TempDir Path dir;

  @Test
  void oneOfTwoCopiesLeadsAndRunsDeploymentsAndTheOtherTakesOverWhenItStops() throws Exception {
    Path dataDir = dir.resolve("data");
    Path kubeconfig = dataDir.resolve("kubeconfig");
    String port = Integer.toString(BosunProcess.freePort());
    try (BosunProcess server =
        BosunProcess.jar(
            dir.resolve("logs"),
            "server",
            "--no-controllers",
            "--data-dir",
            dataDir.toString(),
            "--port",
            port)) {
      server.awaitReady();
      Kubectl kubectl = new Kubectl(kubeconfig, Files.createDirectories(dir.resolve("k")));
      kubectl.succeed("create", "deployment", "web", "--image=app:1", "--replicas=2");
      // Nothing in the server acts on it: no ReplicaSet appears on its own.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> names(kubectl, "replicasets").isEmpty());

      try (BosunProcess first = controllers(kubeconfig);
          BosunProcess second = controllers(kubeconfig)) {
        String firstId = identity(first);
        String secondId = identity(second);
        await("a leader")
            .atMost(WAIT)
            .until(() -> first.stdout().contains(LEADING) || second.stdout().contains(LEADING));
        boolean firstLeads = first.stdout().contains(LEADING);
        BosunProcess leader = firstLeads ? first : second;
        BosunProcess standby = firstLeads ? second : first;
        String standbyId = firstLeads ? secondId : firstId;

        await("2 pods").atMost(WAIT).until(() -> names(kubectl, "pods").size() == 2);
        assertThat(holder(kubectl)).isEqualTo(firstLeads ? firstId : secondId);
        assertThat(standby.stdout()).doesNotContain(LEADING);

        leader.terminate();
        assertThat(standby.awaitLine(LEADING, WAIT)).startsWith(LEADING + standbyId);
        assertThat(holder(kubectl)).isEqualTo(standbyId);
        kubectl.succeed("scale", "deployment", "web", "--replicas=3");
        await("3 pods").atMost(WAIT).until(() -> names(kubectl, "pods").size() == 3);
      }
    }
  }

  private BosunProcess controllers(Path kubeconfig) throws Exception {
    return BosunProcess.jar(
        dir.resolve("logs"), "controllers", "--kubeconfig", kubeconfig.toString());
  }

  private static String identity(BosunProcess controllers) {
    String line = controllers.awaitLine(STANDING_BY, WAIT);
    return line.substring(STANDING_BY.length(), line.indexOf(" until "));
  }

  private static List<String> names(Kubectl kubectl, String resource) throws Exception {
    return kubectl.succeed("get", resource, "-o", "name").lines().toList();
  }

  private static String holder(Kubectl kubectl) throws Exception {
    return kubectl.succeed(
        "get",
        "lease",
        "bosun-controllers",
        "-n",
        "kube-system",
        "-o",
        "jsonpath={.spec.holderIdentity}");
  }
}
