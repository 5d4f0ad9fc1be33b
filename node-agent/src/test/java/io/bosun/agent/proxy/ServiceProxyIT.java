package io.bosun.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service proxy with real sockets: real backend servers on pod addresses, Services and
 * EndpointSlices in a real apiserver (written by the test: the proxy's contract is to follow the
 * slices), connections to ClusterIP:port and node ports.
 */
@BosunTest
class ServiceProxyIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String NODE_IP = "127.0.0.1";

  private KubeClient client;
  private TestNamespace ns;
  private SharedInformers informers;
  private ServiceProxy proxy;
  private final NamedServers servers = new NamedServers();

  @BeforeEach
  void startProxy(KubeClient client, TestNamespace ns) throws IOException {
    this.client = client;
    this.ns = ns;
    informers = SharedInformers.create(client);
    Informer<Service> services = informers.informer(ResourceDescriptor.of(Service.class));
    Informer<EndpointSlice> slices = informers.informer(ResourceDescriptor.of(EndpointSlice.class));
    services.whenSynced().await().atMost(WAIT);
    slices.whenSynced().await().atMost(WAIT);
    proxy = ServiceProxy.start(client.vertx().getDelegate(), services, slices, NODE_IP);
    servers.start("one", "127.1.200.1", 8080);
    servers.start("two", "127.1.200.2", 8080);
    servers.start("three", "127.1.200.3", 8080);
  }

  @AfterEach
  void stopProxy() throws IOException {
    proxy.close();
    informers.close();
    servers.close();
  }

  @Test
  void roundRobinsOverTheReadyEndpointsOnly() throws Exception {
    Service web = service("web", "ClusterIP", null);
    slice("web", Map.of("127.1.200.1", true, "127.1.200.2", true, "127.1.200.3", false));
    String ip = web.getSpec().getClusterIP();
    assertThat(ip).startsWith("127.");

    awaitAnswer(ip, 8080);
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(ProxyClient.whoAnswers(ip, 8080));
    }
    assertThat(answers).containsOnly("one", "two");
    assertThat(answers.stream().filter("one"::equals).count()).isEqualTo(4);
    for (int i = 1; i < answers.size(); i++) {
      assertThat(answers.get(i)).as("answer %d", i).isNotEqualTo(answers.get(i - 1));
    }
  }

  @Test
  void aNodePortServiceAnswersOnTheNodeAddressToo() throws Exception {
    Service web = service("web", "NodePort", null);
    slice("web", Map.of("127.1.200.1", true));
    int nodePort = web.getSpec().getPorts().get(0).getNodePort();

    awaitAnswer(NODE_IP, nodePort);
    assertThat(ProxyClient.whoAnswers(NODE_IP, nodePort)).isEqualTo("one");
    assertThat(ProxyClient.whoAnswers(web.getSpec().getClusterIP(), 8080)).isEqualTo("one");
  }

  @Test
  void clientIpAffinitySendsEachClientToOneEndpoint() throws Exception {
    Service web = service("web", "ClusterIP", "ClientIP");
    slice("web", Map.of("127.1.200.1", true, "127.1.200.2", true, "127.1.200.3", true));
    String ip = web.getSpec().getClusterIP();
    awaitAnswer(ip, 8080);

    Set<String> reached = new HashSet<>();
    for (String client : List.of("127.50.0.1", "127.50.0.2", "127.50.0.3", "127.50.0.4")) {
      String first = ProxyClient.whoAnswers(client, ip, 8080);
      for (int i = 0; i < 5; i++) {
        assertThat(ProxyClient.whoAnswers(client, ip, 8080)).as(client).isEqualTo(first);
      }
      reached.add(first);
    }
    // New clients are spread round-robin: four clients over three endpoints reach all three.
    assertThat(reached).containsExactlyInAnyOrder("one", "two", "three");
  }

  @Test
  void aServiceWithoutReadyEndpointsRefusesConnectionsAtOnce() throws Exception {
    Service web = service("web", "ClusterIP", null);
    slice("web", Map.of("127.1.200.1", false));
    String ip = web.getSpec().getClusterIP();
    assertRefusedQuickly(ip, 8080);

    slice("web", Map.of("127.1.200.1", true));
    awaitAnswer(ip, 8080);
    assertThat(ProxyClient.whoAnswers(ip, 8080)).isEqualTo("one");

    slice("web", Map.of("127.1.200.1", false));
    await().atMost(WAIT).untilAsserted(() -> assertRefusedQuickly(ip, 8080));
  }

  @Test
  void aDeletedServiceStopsListening() throws Exception {
    Service web = service("web", "ClusterIP", null);
    slice("web", Map.of("127.1.200.2", true));
    String ip = web.getSpec().getClusterIP();
    awaitAnswer(ip, 8080);

    client.resources(Service.class).delete(ns.name(), "web").await().atMost(WAIT);

    await().atMost(WAIT).untilAsserted(() -> assertRefusedQuickly(ip, 8080));
  }

  @Test
  void aHeadlessServiceGetsNoListener() throws Exception {
    Service headless =
        client
            .resources(Service.class)
            .create(
                new ServiceBuilder(serviceObject("db", "ClusterIP", null))
                    .editSpec()
                    .withClusterIP("None")
                    .endSpec()
                    .build())
            .await()
            .atMost(WAIT);
    slice("db", Map.of("127.1.200.1", true));
    Service web = service("web", "ClusterIP", null);
    slice("web", Map.of("127.1.200.1", true));
    // Both were seen by now: the later Service answers, the headless one has nothing to answer on.
    awaitAnswer(web.getSpec().getClusterIP(), 8080);
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(ServiceProxy.ports(headless)).isEmpty();
  }

  private void assertRefusedQuickly(String ip, int port) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> ProxyClient.whoAnswers(ip, port)).isInstanceOf(ConnectException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  private static void awaitAnswer(String ip, int port) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> ProxyClient.whoAnswers(ip, port) != null);
  }

  private Service service(String name, String type, String affinity) {
    return client
        .resources(Service.class)
        .create(serviceObject(name, type, affinity))
        .await()
        .atMost(WAIT);
  }

  private Service serviceObject(String name, String type, String affinity) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns.name())
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withSessionAffinity(affinity)
        .withSelector(Map.of("app", name))
        .addNewPort()
        .withName("http")
        .withPort(8080)
        .withTargetPort(new IntOrString(8080))
        .endPort()
        .endSpec()
        .build();
  }

  /** Writes the one slice of Service {@code name}: these addresses, ready or not, port 8080. */
  private void slice(String name, Map<String, Boolean> readiness) {
    EndpointSliceBuilder builder =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName(name + "-slice")
            .withNamespace(ns.name())
            .withLabels(Map.of(ServiceProxy.SERVICE_NAME, name))
            .endMetadata()
            .withAddressType("IPv4")
            .withPorts(new EndpointPort(null, "http", 8080, "TCP"));
    readiness.forEach(
        (ip, ready) ->
            builder.addToEndpoints(
                new EndpointBuilder()
                    .withAddresses(ip)
                    .withConditions(new EndpointConditions(ready, ready, false))
                    .build()));
    var slices = client.resources(EndpointSlice.class);
    EndpointSlice slice = builder.build();
    var existing =
        slices.list(ns.name()).await().atMost(WAIT).items().stream()
            .filter(s -> s.getMetadata().getName().equals(name + "-slice"))
            .findFirst();
    if (existing.isPresent()) {
      slice.getMetadata().setResourceVersion(existing.get().getMetadata().getResourceVersion());
      slices.update(slice).await().atMost(WAIT);
    } else {
      slices.create(slice).await().atMost(WAIT);
    }
  }
}
