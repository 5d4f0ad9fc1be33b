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
 * copy holds the Lease and runs the Deployment, the other takes over when it stops. And {@code
 * bosun server}'s own controllers contend for the same Lease.
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
    try (BosunProcess server = server("logs", "--no-controllers", dataDir, port)) {
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
        assertThat(heldBy(kubectl)).isEqualTo(firstLeads ? firstId : secondId);
        assertThat(standby.stdout()).doesNotContain(LEADING);

        leader.terminate();
        assertThat(standby.awaitLine(LEADING, WAIT)).startsWith(LEADING + standbyId);
        assertThat(heldBy(kubectl)).isEqualTo(standbyId);
        kubectl.succeed("scale", "deployment", "web", "--replicas=3");
        await("3 pods").atMost(WAIT).until(() -> names(kubectl, "pods").size() == 3);
      }
    }
  }

  @Test
  void aServersOwnControllersHoldTheLeaseAndReleaseItWhenTheServerStops() throws Exception {
    String serverId;
    Path dataDir = dir.resolve("data");
    Path kubeconfig = dataDir.resolve("kubeconfig");
    String port = Integer.toString(BosunProcess.freePort());
    try (BosunProcess server = server("logs", "--no-agent", dataDir, port)) {
      server.awaitReady();
      Kubectl kubectl = new Kubectl(kubeconfig, Files.createDirectories(dir.resolve("k")));
      await("the server's controllers lead").atMost(WAIT).until(() -> !heldBy(kubectl).isEmpty());
      serverId = heldBy(kubectl);

      try (BosunProcess standby = controllers(kubeconfig)) {
        identity(standby);
        kubectl.succeed("create", "deployment", "web", "--image=app:1", "--replicas=2");
        await("2 pods").atMost(WAIT).until(() -> names(kubectl, "pods").size() == 2);
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(10))
            .until(() -> !standby.stdout().contains(LEADING));
        assertThat(heldBy(kubectl)).isEqualTo(serverId);
      }
      server.terminate();
    }

    // The stopped server released the Lease: the next one on the same data leads at once, not
    // after the 15 s lease duration.
    try (BosunProcess again = server("logs-again", "--no-agent", dataDir, port)) {
      again.awaitReady();
      Kubectl kubectl = new Kubectl(kubeconfig, Files.createDirectories(dir.resolve("k2")));
      await("the next server's controllers lead")
          .atMost(Duration.ofSeconds(8))
          .until(() -> !heldBy(kubectl).isEmpty() && !heldBy(kubectl).equals(serverId));
    }
  }

  /** {@code bosun server} with {@code flag} on {@code dataDir}, its output under {@code logs}. */
  private BosunProcess server(String logs, String flag, Path dataDir, String port)
      throws Exception {
    return BosunProcess.jar(
        dir.resolve(logs), "server", flag, "--data-dir", dataDir.toString(), "--port", port);
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

  /** The Lease's holder, or "" while there is no Lease yet. */
  private static String heldBy(Kubectl kubectl) throws Exception {
    Kubectl.Result lease =
        kubectl.run(
            "get",
            "lease",
            "bosun-controllers",
            "-n",
            "kube-system",
            "-o",
            "jsonpath={.spec.holderIdentity}");
    return lease.exitCode() == 0 ? lease.out() : "";
  }
}
