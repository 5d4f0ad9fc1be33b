package io.bosun.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controllers.Kubectl;
import io.bosun.controllers.RunningControllers;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What kubectl 1.32 shows of the endpoints the controllers write. */
@BosunTest
class KubectlEndpointsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void getEndpointsAndEndpointSlicesShowTheReadyPods(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Kubectl kubectl = new Kubectl(server, ns.name());
      kubectl.ok(
          "apply",
          "-f",
          kubectl
              .file(
                  "web.yaml",
                  """
                  apiVersion: v1
                  kind: Service
                  metadata:
                    name: web
                  spec:
                    selector:
                      app: web
                    ports:
                    - name: http
                      port: 80
                      targetPort: http
                  """)
              .toString());
      ServicePodsFixture fixture = new ServicePodsFixture(client, ns.name());
      fixture.pod("web-1", "web", 8080);
      fixture.pod("web-2", "web", 8080);
      fixture.running("web-1", "127.1.0.31", true);
      fixture.running("web-2", "127.1.0.32", true);
      // The fixture's container port is named "web"; the Service asks for "http", so first none
      // resolves: a slice without ports, and Endpoints without subsets.
      Informer<Endpoints> endpoints = controllers.informer(Endpoints.class);
      Await.cached(endpoints, ns.name(), "web", e -> e.getSubsets().isEmpty(), WAIT);
      kubectl.ok(
          "patch",
          "service",
          "web",
          "--type=json",
          "-p=[{\"op\":\"replace\",\"path\":\"/spec/ports/0/targetPort\",\"value\":\"web\"}]");
      Await.cached(
          endpoints,
          ns.name(),
          "web",
          e -> e.getSubsets().size() == 1 && e.getSubsets().get(0).getAddresses().size() == 2,
          WAIT);
      Informer<EndpointSlice> slices = controllers.informer(EndpointSlice.class);
      EndpointsIT.awaitSlices(
          slices,
          ns,
          "web",
          all ->
              all.size() == 1
                  && all.get(0).getPorts().size() == 1
                  && all.get(0).getEndpoints().size() == 2);

      String eps = kubectl.ok("get", "endpoints", "web");
      assertThat(eps).contains("NAME").contains("ENDPOINTS");
      assertThat(eps).containsPattern("web\\s+127\\.1\\.0\\.31:8080,127\\.1\\.0\\.32:8080\\s");

      String es = kubectl.ok("get", "endpointslices", "-l", "kubernetes.io/service-name=web");
      assertThat(es).contains("ADDRESSTYPE").contains("PORTS").contains("ENDPOINTS");
      assertThat(es)
          .containsPattern("web-\\w+\\s+IPv4\\s+8080\\s+127\\.1\\.0\\.31,127\\.1\\.0\\.32\\s");

      String describe = kubectl.ok("describe", "endpoints", "web");
      assertThat(describe).contains("127.1.0.31,127.1.0.32").contains("http");
    }
  }
}
