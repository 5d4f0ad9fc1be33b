package io.bosun.agent.proxy;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The endpoints a Service port forwards to, read from its EndpointSlices as kube-proxy reads them:
 * the ready ones (a missing {@code ready} counts as ready); when none is ready, those still serving
 * while they terminate, so that connections are not refused during a rolling update. An address
 * this node's agent is draining counts as terminating before its slice says so.
 */
final class SliceBackends {
  private SliceBackends() {}

  /**
   * The endpoints of the port named {@code portName} (TCP) across {@code slices}, by address,
   * without duplicates.
   */
  static List<Backend> of(List<EndpointSlice> slices, String portName) {
    return of(slices, portName, Set.of());
  }

  /** As {@link #of(List, String)}, with the pods at {@code draining} terminating. */
  static List<Backend> of(List<EndpointSlice> slices, String portName, Set<String> draining) {
    Set<Backend> ready = new LinkedHashSet<>();
    Set<Backend> terminating = new LinkedHashSet<>();
    for (EndpointSlice slice : slices) {
      if (slice.getAddressType() != null && !"IPv4".equals(slice.getAddressType())) {
        continue;
      }
      Integer port = port(slice, portName);
      if (port == null || slice.getEndpoints() == null) {
        continue;
      }
      for (Endpoint endpoint : slice.getEndpoints()) {
        if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
          continue;
        }
        Backend backend = new Backend(endpoint.getAddresses().get(0), port);
        EndpointConditions conditions = endpoint.getConditions();
        boolean isReady = conditions == null || !Boolean.FALSE.equals(conditions.getReady());
        boolean serving =
            conditions == null
                ? isReady
                : Objects.requireNonNullElse(conditions.getServing(), isReady);
        boolean isTerminating =
            conditions != null && Boolean.TRUE.equals(conditions.getTerminating());
        if (draining.contains(backend.ip())) {
          isTerminating = true;
          serving = serving || isReady;
          isReady = false;
        }
        if (isReady) {
          ready.add(backend);
        } else if (serving && isTerminating) {
          terminating.add(backend);
        }
      }
    }
    List<Backend> chosen = new ArrayList<>(ready.isEmpty() ? terminating : ready);
    chosen.sort((a, b) -> a.ip().equals(b.ip()) ? a.port() - b.port() : a.ip().compareTo(b.ip()));
    return chosen;
  }

  private static Integer port(EndpointSlice slice, String portName) {
    if (slice.getPorts() == null) {
      return null;
    }
    for (EndpointPort port : slice.getPorts()) {
      String name = port.getName() == null ? "" : port.getName();
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      if (name.equals(portName) && "TCP".equals(protocol) && port.getPort() != null) {
        return port.getPort();
      }
    }
    return null;
  }
}
