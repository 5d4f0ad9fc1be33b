package io.bosun.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subsets of a Service's v1 Endpoints, as Kubernetes' endpoints controller builds and repacks
 * them: one subset per set of resolved ports, its ready pods under {@code addresses} and the others
 * under {@code notReadyAddresses}, each list sorted by IP.
 */
final class LegacySubsets {
  /** One subset as compared. */
  record Subset(List<SlicePort> ports, List<SliceEndpoint> ready, List<SliceEndpoint> notReady) {}

  private LegacySubsets() {}

  /**
   * The subsets {@code pods} give {@code service}. Pods being deleted are left out unless the
   * Service publishes not-ready addresses; a headless Service without ports lists its addresses
   * without ports.
   */
  static List<Subset> compute(Service service, List<Pod> pods) {
    boolean publish = ServicePods.publishNotReady(service);
    boolean portless =
        service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty();
    Map<String, List<PodEndpoint>> byPorts = new TreeMap<>();
    Map<String, List<SlicePort>> portsOf = new TreeMap<>();
    for (Pod pod : pods) {
      if (!ServicePods.inEndpoints(pod, publish)) {
        continue;
      }
      PodEndpoint endpoint = PodEndpoint.of(pod, service);
      if (endpoint.ports().isEmpty() && !(portless && ServicePods.headless(service))) {
        continue;
      }
      String key = endpoint.ports().toString();
      portsOf.put(key, endpoint.ports());
      byPorts.computeIfAbsent(key, k -> new ArrayList<>()).add(endpoint);
    }
    List<Subset> subsets = new ArrayList<>();
    byPorts.forEach(
        (key, endpoints) -> {
          List<SliceEndpoint> ready = new ArrayList<>();
          List<SliceEndpoint> notReady = new ArrayList<>();
          for (PodEndpoint endpoint : endpoints) {
            // Serving is the pod's readiness, or publishNotReadyAddresses: kube's rule here.
            (endpoint.endpoint().serving() ? ready : notReady).add(endpoint.endpoint());
          }
          subsets.add(new Subset(portsOf.get(key), sorted(ready), sorted(notReady)));
        });
    return subsets;
  }

  /** The subsets of an Endpoints object as read, for comparison. */
  static List<Subset> read(List<EndpointSubset> subsets) {
    List<Subset> read = new ArrayList<>();
    for (EndpointSubset subset : subsets == null ? List.<EndpointSubset>of() : subsets) {
      read.add(
          new Subset(
              SlicePort.sorted(
                  subset.getPorts() == null
                      ? List.of()
                      : subset.getPorts().stream().map(SlicePort::of).toList()),
              sorted(addresses(subset.getAddresses())),
              sorted(addresses(subset.getNotReadyAddresses()))));
    }
    read.sort(Comparator.comparing(s -> s.ports().toString()));
    return read;
  }

  /** The subsets as written. */
  static List<EndpointSubset> toModel(List<Subset> subsets) {
    return subsets.stream()
        .map(
            s ->
                new EndpointSubset(
                    s.ready().stream().map(LegacySubsets::address).toList(),
                    s.notReady().stream().map(LegacySubsets::address).toList(),
                    s.ports().stream().map(SlicePort::toEndpointsPort).toList()))
        .toList();
  }

  private static EndpointAddress address(SliceEndpoint endpoint) {
    EndpointAddressBuilder builder =
        new EndpointAddressBuilder()
            .withIp(endpoint.address())
            .withNodeName(endpoint.nodeName())
            .withHostname(endpoint.hostname());
    if (endpoint.pod() != null) {
      builder.withTargetRef(
          new ObjectReferenceBuilder()
              .withKind("Pod")
              .withNamespace(endpoint.pod().namespace())
              .withName(endpoint.pod().name())
              .withUid(endpoint.pod().uid())
              .build());
    }
    return builder.build();
  }

  private static List<SliceEndpoint> addresses(List<EndpointAddress> addresses) {
    List<SliceEndpoint> read = new ArrayList<>();
    for (EndpointAddress address : addresses == null ? List.<EndpointAddress>of() : addresses) {
      ObjectReference ref = address.getTargetRef();
      read.add(
          new SliceEndpoint(
              address.getIp(),
              false,
              false,
              false,
              address.getNodeName(),
              address.getHostname(),
              ref == null
                  ? null
                  : new SliceEndpoint.PodRef(ref.getNamespace(), ref.getName(), ref.getUid())));
    }
    return read;
  }

  private static List<SliceEndpoint> sorted(List<SliceEndpoint> endpoints) {
    // Conditions have no place in v1 Endpoints: the list they are in says it.
    return endpoints.stream()
        .map(
            e ->
                new SliceEndpoint(
                    e.address(), false, false, false, e.nodeName(), e.hostname(), e.pod()))
        .sorted(SliceEndpoint::byAddress)
        .toList();
  }
}
