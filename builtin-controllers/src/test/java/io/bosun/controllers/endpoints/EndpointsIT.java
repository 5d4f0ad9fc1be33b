package io.bosun.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controllers.RunningControllers;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both endpoints controllers against a real apiserver, with the test writing pod status. */
@BosunTest
class EndpointsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void slicesAndEndpointsFollowPodsAsTheyComeBecomeReadyAndGo(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      ServicePodsFixture fixture = new ServicePodsFixture(client, ns.name());
      Informer<EndpointSlice> slices = controllers.informer(EndpointSlice.class);
      Informer<Endpoints> endpoints = controllers.informer(Endpoints.class);
      Service service = fixture.service("web", "web", new IntOrString(8080));

      // No pod yet: one placeholder slice, owned by the Service, and empty Endpoints.
      List<EndpointSlice> placeholder = awaitSlices(slices, ns, "web", all -> all.size() == 1);
      EndpointSlice slice = placeholder.get(0);
      assertThat(slice.getAddressType()).isEqualTo("IPv4");
      assertThat(slice.getEndpoints()).isEmpty();
      assertThat(slice.getMetadata().getName()).startsWith("web-");
      assertThat(slice.getMetadata().getLabels())
          .containsEntry("kubernetes.io/service-name", "web")
          .containsEntry(
              "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
          .containsEntry("tier", "web");
      assertThat(slice.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              ref -> {
                assertThat(ref.getKind()).isEqualTo("Service");
                assertThat(ref.getUid()).isEqualTo(service.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
              });
      Await.cached(endpoints, ns.name(), "web", e -> e.getSubsets().isEmpty(), WAIT);

      // Pods without an IP are not endpoints; with one, not ready, they are, marked so.
      Pod one = fixture.pod("web-1", "web", 8080);
      fixture.pod("web-2", "web", 8080);
      fixture.pod("other", "db", 8080);
      fixture.running("web-1", "127.1.0.11", false);
      fixture.running("web-2", "127.1.0.12", false);
      fixture.running("other", "127.1.0.13", true);
      awaitEndpoints(slices, ns, e -> e.size() == 2 && e.values().stream().noneMatch(this::ready));
      Endpoint first = endpointsByAddress(slices, ns).get("127.1.0.11");
      assertThat(first.getConditions().getServing()).isFalse();
      assertThat(first.getConditions().getTerminating()).isFalse();
      assertThat(first.getNodeName()).isEqualTo("node-1");
      assertThat(first.getTargetRef().getKind()).isEqualTo("Pod");
      assertThat(first.getTargetRef().getName()).isEqualTo("web-1");
      assertThat(first.getTargetRef().getUid()).isEqualTo(one.getMetadata().getUid());
      EndpointSlice current = awaitSlices(slices, ns, "web", all -> all.size() == 1).get(0);
      assertThat(current.getPorts())
          .singleElement()
          .satisfies(
              port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getPort()).isEqualTo(8080);
                assertThat(port.getProtocol()).isEqualTo("TCP");
              });
      awaitSubset(endpoints, ns, List.of(), List.of("127.1.0.11", "127.1.0.12"));

      // web-1 becomes ready.
      fixture.running("web-1", "127.1.0.11", true);
      awaitEndpoints(
          slices,
          ns,
          e -> e.size() == 2 && ready(e.get("127.1.0.11")) && !ready(e.get("127.1.0.12")));
      Endpoints legacy = awaitSubset(endpoints, ns, List.of("127.1.0.11"), List.of("127.1.0.12"));
      EndpointSubset subset = legacy.getSubsets().get(0);
      assertThat(subset.getPorts())
          .singleElement()
          .satisfies(
              port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getPort()).isEqualTo(8080);
              });
      assertThat(subset.getAddresses().get(0).getTargetRef().getName()).isEqualTo("web-1");
      assertThat(legacy.getMetadata().getLabels()).containsEntry("tier", "web");

      // It goes not ready again.
      fixture.running("web-1", "127.1.0.11", false);
      awaitEndpoints(slices, ns, e -> e.size() == 2 && e.values().stream().noneMatch(this::ready));
      awaitSubset(endpoints, ns, List.of(), List.of("127.1.0.11", "127.1.0.12"));

      // web-2 is ready, then deleted: its node has it, so it terminates first.
      fixture.running("web-2", "127.1.0.12", true);
      awaitEndpoints(slices, ns, e -> e.size() == 2 && ready(e.get("127.1.0.12")));
      client.resources(Pod.class).delete(ns.name(), "web-2").await().atMost(WAIT);
      awaitEndpoints(
          slices,
          ns,
          e ->
              e.size() == 2
                  && !ready(e.get("127.1.0.12"))
                  && e.get("127.1.0.12").getConditions().getServing()
                  && e.get("127.1.0.12").getConditions().getTerminating());
      awaitSubset(endpoints, ns, List.of(), List.of("127.1.0.11"));
      DeleteOptions now = new DeleteOptions();
      now.setGracePeriodSeconds(0L);
      client.resources(Pod.class).delete(ns.name(), "web-2", now).await().atMost(WAIT);
      awaitEndpoints(slices, ns, e -> e.keySet().equals(java.util.Set.of("127.1.0.11")));

      // The Service goes: its Endpoints are deleted, its slices collected; Endpoints written by
      // hand, without a Service, stay.
      client
          .resources(Endpoints.class)
          .create(
              new io.fabric8.kubernetes.api.model.EndpointsBuilder()
                  .withNewMetadata()
                  .withName("manual")
                  .withNamespace(ns.name())
                  .endMetadata()
                  .build())
          .await()
          .atMost(WAIT);
      Await.cached(endpoints, ns.name(), "manual", e -> true, WAIT);
      client.resources(Service.class).delete(ns.name(), "web").await().atMost(WAIT);
      Await.notCached(endpoints, ns.name(), "web", WAIT);
      awaitSlices(slices, ns, "web", List::isEmpty);
      assertThat(endpoints.get(ns.name(), "manual")).isPresent();
    }
  }

  @Test
  void aNamedTargetPortResolvesOnEachPod(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      ServicePodsFixture fixture = new ServicePodsFixture(client, ns.name());
      Informer<EndpointSlice> slices = controllers.informer(EndpointSlice.class);
      Informer<Endpoints> endpoints = controllers.informer(Endpoints.class);
      fixture.service("api", "api", new IntOrString("web"));
      fixture.pod("api-1", "api", 8080);
      fixture.pod("api-2", "api", 9090);
      fixture.running("api-1", "127.1.0.21", true);
      fixture.running("api-2", "127.1.0.22", true);

      List<EndpointSlice> two =
          awaitSlices(
              slices,
              ns,
              "api",
              all -> all.size() == 2 && all.stream().allMatch(s -> s.getEndpoints().size() == 1));
      Map<String, Integer> portByAddress =
          two.stream()
              .collect(
                  Collectors.toMap(
                      s -> s.getEndpoints().get(0).getAddresses().get(0),
                      s -> s.getPorts().get(0).getPort()));
      assertThat(portByAddress).isEqualTo(Map.of("127.1.0.21", 8080, "127.1.0.22", 9090));
      Endpoints legacy =
          Await.cached(endpoints, ns.name(), "api", e -> e.getSubsets().size() == 2, WAIT);
      assertThat(legacy.getSubsets())
          .extracting(s -> s.getAddresses().get(0).getIp() + ":" + s.getPorts().get(0).getPort())
          .containsExactlyInAnyOrder("127.1.0.21:8080", "127.1.0.22:9090");
    }
  }

  static List<EndpointSlice> awaitSlices(
      Informer<EndpointSlice> slices,
      TestNamespace ns,
      String service,
      Predicate<List<EndpointSlice>> condition) {
    Await.cache(
        slices, () -> condition.test(slicesOf(slices, ns, service)), WAIT, "slices of " + service);
    return slicesOf(slices, ns, service);
  }

  private static List<EndpointSlice> slicesOf(
      Informer<EndpointSlice> slices, TestNamespace ns, String service) {
    return slices.byIndex(Informer.NAMESPACE_INDEX, ns.name()).stream()
        .filter(s -> service.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name")))
        .toList();
  }

  private void awaitEndpoints(
      Informer<EndpointSlice> slices,
      TestNamespace ns,
      Predicate<Map<String, Endpoint>> condition) {
    Await.cache(
        slices, () -> condition.test(endpointsByAddress(slices, ns)), WAIT, "endpoints of web");
  }

  private static Map<String, Endpoint> endpointsByAddress(
      Informer<EndpointSlice> slices, TestNamespace ns) {
    return slicesOf(slices, ns, "web").stream()
        .flatMap(s -> s.getEndpoints().stream())
        .collect(Collectors.toMap(e -> e.getAddresses().get(0), e -> e, (a, b) -> a));
  }

  private boolean ready(Endpoint endpoint) {
    return Optional.ofNullable(endpoint.getConditions().getReady()).orElse(false);
  }

  private static Endpoints awaitSubset(
      Informer<Endpoints> endpoints, TestNamespace ns, List<String> ready, List<String> notReady) {
    return Await.cached(endpoints, ns.name(), "web", e -> subset(e, ready, notReady), WAIT);
  }

  private static boolean subset(Endpoints endpoints, List<String> ready, List<String> notReady) {
    if (endpoints.getSubsets().size() != 1) {
      return false;
    }
    EndpointSubset subset = endpoints.getSubsets().get(0);
    return ips(subset.getAddresses()).equals(ready)
        && ips(subset.getNotReadyAddresses()).equals(notReady);
  }

  private static List<String> ips(List<EndpointAddress> addresses) {
    return addresses == null ? List.of() : addresses.stream().map(EndpointAddress::getIp).toList();
  }
}
