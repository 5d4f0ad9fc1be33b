package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 shown with the real kubectl against {@code bosun server} and its in-process node agent:
 * pods of a Deployment run as processes and answer through their Service's ClusterIP; a killed
 * container restarts; a failing readiness probe takes a pod out of its Service; a crashing command
 * backs off, with the crashed run's logs kept; a failing liveness probe restarts its container;
 * ConfigMap and Secret values reach the process as env and files; a rolling update keeps the
 * Service answering.
 */
class AgentEndToEndIT {
  static final String NODE = "e2e-one";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static BosunProcess server;
  static Kubectl kubectl;
  static Path flags;
  static final List<String> namespaces = new ArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    Path dataDir = dir.resolve("data");
    // Ranges of this test's own, so that servers of other test runs on the machine do not meet it.
    server =
        BosunProcess.jar(
            dir.resolve("logs"),
            List.of(
                "-Dbosun.agent.node-name=" + NODE,
                "-Dbosun.agent.pod-cidr=127.88.0.0/16",
                "-Dbosun.service-cluster-ip-range=127.112.0.0/16"),
            "server",
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(BosunProcess.freePort()));
    server.awaitReady();
    kubectl = new Kubectl(dataDir.resolve("kubeconfig"), Files.createDirectories(dir.resolve("k")));
    flags = Files.createDirectories(dir.resolve("flags"));
    await("node " + NODE + " Ready")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> kubectl.succeed("get", "nodes", "--no-headers").matches(NODE + "\\s+Ready.*\\n"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    try {
      for (String namespace : namespaces) {
        kubectl.run("delete", "namespace", namespace, "--timeout=60s");
      }
    } finally {
      if (server != null) {
        server.close();
      }
      LeftoverProcesses.kill(dir);
    }
  }

  @Test
  void aServiceReachesEveryPodOfItsDeploymentAndWithClientIpAffinityOne() throws Exception {
    String ns = namespace("e2e-service");
    kubectl.apply(ns, WebApp.deployment("web", 3, flags.toString(), 300));
    kubectl.apply(ns, WebApp.service("web", "web", "None"));
    kubectl.apply(ns, WebApp.service("web-sticky", "web", "ClientIP"));
    rollout(ns, "web");
    assertThat(kubectl.succeed("get", "pods", "-n", ns, "--no-headers"))
        .containsPattern("web-\\S+\\s+1/1\\s+Running\\s+0");
    Set<String> pods = new HashSet<>(WebApp.names(WebApp.pods(kubectl, ns, "web")));
    assertThat(pods).hasSize(3);

    String ip = WebApp.clusterIP(kubectl, ns, "web");
    Set<String> reached = new HashSet<>();
    await("every pod answers through " + ip)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(
            () -> {
              reached.add(WebApp.get(ip, 8080, "/"));
              return reached.equals(pods);
            });

    String sticky = WebApp.clusterIP(kubectl, ns, "web-sticky");
    String first = WebApp.awaitAnswer(sticky, WAIT);
    for (int i = 0; i < 20; i++) {
      assertThat(WebApp.get(sticky, 8080, "/"))
          .as("request %d with ClientIP affinity", i)
          .isEqualTo(first);
    }
  }

  @Test
  void aContainerKilledWithSigkillRestartsAndItsRestartCountRises() throws Exception {
    String ns = namespace("e2e-kill");
    kubectl.apply(ns, WebApp.deployment("web", 1, flags.toString(), 300));
    rollout(ns, "web");
    JsonNode pod = WebApp.pods(kubectl, ns, "web").get(0);
    String name = pod.path("metadata").path("name").asText();
    String podIP = pod.path("status").path("podIP").asText();
    long pid = Long.parseLong(WebApp.get(podIP, 8080, "/pid"));

    assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();

    await("restart of " + name)
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                kubectl
                    .succeed("get", "pod", name, "-n", ns, "--no-headers")
                    .matches(name + "\\s+1/1\\s+Running\\s+1 \\(.*\\n"));
    assertThat(Long.parseLong(WebApp.get(podIP, 8080, "/pid"))).isNotEqualTo(pid);
  }

  @Test
  void aFailingReadinessProbeTakesThePodOutOfItsService() throws Exception {
    String ns = namespace("e2e-ready");
    deployWebService(ns, 2);
    List<JsonNode> pods = WebApp.pods(kubectl, ns, "web");
    String out = pods.get(0).path("metadata").path("name").asText();
    String outIP = pods.get(0).path("status").path("podIP").asText();
    String kept = pods.get(1).path("metadata").path("name").asText();
    String ip = WebApp.clusterIP(kubectl, ns, "web");

    Path flag = Files.createFile(flags.resolve("unready-" + out));
    await("endpoints without " + out)
        .atMost(WAIT)
        .until(
            () ->
                !readyAddresses(ns, "web").contains(outIP)
                    && readyAddresses(ns, "web").size() == 1);
    assertThat(kubectl.succeed("get", "pod", out, "-n", ns, "--no-headers"))
        .matches(out + "\\s+0/1\\s+Running\\s+0\\s.*\\n");
    for (int i = 0; i < 20; i++) {
      assertThat(WebApp.get(ip, 8080, "/")).as("request %d", i).isEqualTo(kept);
    }

    Files.delete(flag);
    await("endpoints with " + out + " again")
        .atMost(WAIT)
        .until(() -> readyAddresses(ns, "web").contains(outIP));
  }

  @Test
  void aCrashingCommandBacksOffAndLogsPreviousShowsTheCrashedRun() throws Exception {
    String ns = namespace("e2e-crash");
    kubectl.apply(
        ns,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: crash
        spec:
          containers:
          - name: crash
            image: busybox
            command: [sh, -c, 'echo "run of $(date +%s%N)"; exit 3']
        """);

    await("CrashLoopBackOff")
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode status = kubectl.json("get", "pod", "crash", "-n", ns).path("status");
              JsonNode container = status.path("containerStatuses").path(0);
              return container.path("restartCount").asInt() >= 2
                  && container
                      .path("state")
                      .path("waiting")
                      .path("reason")
                      .asText()
                      .equals("CrashLoopBackOff");
            });
    assertThat(kubectl.succeed("get", "pod", "crash", "-n", ns, "--no-headers"))
        .containsPattern("crash\\s+0/1\\s+CrashLoopBackOff\\s+\\d");
    JsonNode last =
        kubectl
            .json("get", "pod", "crash", "-n", ns)
            .path("status")
            .path("containerStatuses")
            .path(0)
            .path("lastState")
            .path("terminated");
    assertThat(last.path("exitCode").asInt()).isEqualTo(3);
    assertThat(kubectl.succeed("logs", "crash", "-n", ns, "--previous")).matches("run of \\d+\\n");
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainer() throws Exception {
    String ns = namespace("e2e-live");
    // Healthy for its first seconds: then its file goes, the probe fails twice and the kubelet
    // restarts the container, whose new run is healthy again for a while.
    kubectl.apply(
        ns,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: live
        spec:
          containers:
          - name: live
            image: busybox
            command: [sh, -c, 'touch "$BOSUN_ROOT/healthy"; sleep 4; rm "$BOSUN_ROOT/healthy"; sleep 600']
            livenessProbe:
              exec: {command: [sh, -c, 'test -f "$BOSUN_ROOT/healthy"']}
              periodSeconds: 1
              failureThreshold: 2
        """);

    await("a restart after the liveness probe failed")
        .atMost(WAIT)
        .until(
            () ->
                kubectl
                        .json("get", "pod", "live", "-n", ns)
                        .path("status")
                        .path("containerStatuses")
                        .path(0)
                        .path("restartCount")
                        .asInt()
                    >= 1);
    assertThat(
            kubectl.succeed("get", "events", "-n", ns, "--field-selector=involvedObject.name=live"))
        .contains("Unhealthy")
        .contains("Liveness probe failed");
  }

  @Test
  void configMapAndSecretValuesReachTheProcessAsEnvAndFiles() throws Exception {
    String ns = namespace("e2e-config");
    kubectl.succeed("create", "configmap", "settings", "-n", ns, "--from-literal=greeting=hello");
    kubectl.succeed(
        "create", "secret", "generic", "creds", "-n", ns, "--from-literal=PASSWORD=s3cr3t");
    kubectl.apply(
        ns,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: config
        spec:
          restartPolicy: Never
          containers:
          - name: config
            image: busybox
            command: [sh, -c, 'echo "env $GREETING $PASSWORD"; echo "files $(cat "$BOSUN_MOUNT_ETC_SETTINGS/greeting") $(cat "$BOSUN_MOUNT_ETC_CREDS/PASSWORD")"']
            env:
            - name: GREETING
              valueFrom: {configMapKeyRef: {name: settings, key: greeting}}
            envFrom:
            - secretRef: {name: creds}
            volumeMounts:
            - {name: settings, mountPath: /etc/settings}
            - {name: creds, mountPath: /etc/creds}
          volumes:
          - name: settings
            configMap: {name: settings}
          - name: creds
            secret: {secretName: creds}
        """);

    await("config Completed")
        .atMost(WAIT)
        .until(
            () ->
                kubectl
                    .json("get", "pod", "config", "-n", ns)
                    .path("status")
                    .path("phase")
                    .asText()
                    .equals("Succeeded"));
    assertThat(kubectl.succeed("logs", "config", "-n", ns))
        .isEqualTo("env hello s3cr3t\nfiles hello s3cr3t\n");
  }

  @Test
  void aRollingUpdateKeepsTheServiceAnswering() throws Exception {
    String ns = namespace("e2e-roll");
    deployWebService(ns, 2);
    Set<String> before = new HashSet<>(WebApp.names(WebApp.pods(kubectl, ns, "web")));
    String ip = WebApp.clusterIP(kubectl, ns, "web");
    WebApp.awaitAnswer(ip, WAIT);

    Traffic traffic = Traffic.start(ip, 8080);
    try {
      kubectl.succeed("set", "env", "-n", ns, "deployment/web", "VERSION=2");
      rollout(ns, "web");
      Set<String> after = new HashSet<>(WebApp.names(WebApp.pods(kubectl, ns, "web")));
      assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before);
      await("answers from the new pods")
          .atMost(WAIT)
          .until(() -> traffic.answeredBy().containsAll(after));
    } finally {
      traffic.close();
    }
    traffic.assertNoneFailed(ns);
    assertThat(traffic.answered()).isGreaterThan(50);
  }

  /** Deployment and Service {@code web} with {@code replicas} ready pods. */
  static void deployWebService(String ns, int replicas) throws Exception {
    kubectl.apply(ns, WebApp.deployment("web", replicas, flags.toString(), 300));
    kubectl.apply(ns, WebApp.service("web", "web", "None"));
    rollout(ns, "web");
  }

  static String namespace(String name) throws Exception {
    kubectl.succeed("create", "namespace", name);
    namespaces.add(name);
    return name;
  }

  static void rollout(String ns, String deployment) throws Exception {
    kubectl.succeed("rollout", "status", "-n", ns, "deployment/" + deployment, "--timeout=90s");
  }

  /** The ready addresses of a Service's Endpoints. */
  static List<String> readyAddresses(String ns, String service) throws Exception {
    List<String> ips = new ArrayList<>();
    for (JsonNode subset : kubectl.json("get", "endpoints", service, "-n", ns).path("subsets")) {
      subset.path("addresses").forEach(a -> ips.add(a.path("ip").asText()));
    }
    return ips;
  }
}
