package io.bosun.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.testing.RunningAgents;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controllers.BuiltinControllers;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A Service end to end: the agent runs two real HTTP server processes with a readiness probe, the
 * endpoints controllers publish them, and the agent's proxy reaches both through the ClusterIP.
 */
@BosunTest
class ServiceEndToEndIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NODE = "svc-e2e";

  @Test
  void aServiceClusterIpReachesEveryReadyPod(
      KubeClient client, ClusterConfig config, TestNamespace ns) throws Exception {
    SharedInformers informers = SharedInformers.create(client);
    BuiltinControllers controllers = BuiltinControllers.create(client, informers);
    controllers.start().await().atMost(WAIT);
    try (RunningAgents agents = RunningAgents.of(config)) {
      agents.start(NODE, "127.32.0.0/16");
      Service service =
          client
              .resources(Service.class)
              .create(
                  new ServiceBuilder()
                      .withNewMetadata()
                      .withName("web")
                      .withNamespace(ns.name())
                      .endMetadata()
                      .withNewSpec()
                      .withSelector(Map.of("app", "web"))
                      .addNewPort()
                      .withName("http")
                      .withPort(8080)
                      .withTargetPort(new IntOrString("http"))
                      .endPort()
                      .endSpec()
                      .build())
              .await()
              .atMost(WAIT);
      for (String name : new String[] {"web-a", "web-b"}) {
        client.resources(Pod.class).create(httpServer(ns, name)).await().atMost(WAIT);
      }
      URI uri = URI.create("http://" + service.getSpec().getClusterIP() + ":8080/");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

      Set<String> reached = new HashSet<>();
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> {
                reached.add(
                    http.send(
                            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body()
                        .trim());
                return reached.size() == 2;
              });
      assertThat(reached).containsExactlyInAnyOrder("web-a", "web-b");
    } finally {
      controllers.stop().await().atMost(WAIT);
      informers.close();
    }
  }

  /** A pod serving its own name over HTTP on its pod IP, ready once the port answers. */
  private static Pod httpServer(TestNamespace ns, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns.name())
        .withLabels(Map.of("app", "web"))
        .endMetadata()
        .withNewSpec()
        .withNodeName(NODE)
        .withTerminationGracePeriodSeconds(2L)
        .addNewContainer()
        .withName("http")
        .withImage("python:3")
        .withCommand(
            "sh",
            "-c",
            "cd \"$BOSUN_ROOT\" && echo "
                + name
                + " > index.html && exec python3 -m http.server 8080 --bind \"$POD_IP\"")
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .withNewReadinessProbe()
        .withNewTcpSocket()
        .withPort(new IntOrString(8080))
        .endTcpSocket()
        .withPeriodSeconds(1)
        .endReadinessProbe()
        .endContainer()
        .endSpec()
        .build();
  }
}
