package io.bosun.controllers.endpoints;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One port of an EndpointSlice (and of an Endpoints subset): the Service port's name and protocol,
 * and the number its targetPort resolves to on the pods of the slice.
 *
 * @param name the Service port's name, {@code ""} for a single unnamed port
 * @param protocol TCP, UDP or SCTP
 * @param port the port number on the pod
 * @param appProtocol the Service port's application protocol, or null
 */
record SlicePort(String name, String protocol, int port, String appProtocol) {
  /** The order ports are kept in, so that two lists of the same ports are equal. */
  static final Comparator<SlicePort> ORDER =
      Comparator.comparing(SlicePort::name)
          .thenComparing(SlicePort::protocol)
          .thenComparingInt(SlicePort::port);

  SlicePort {
    name = Objects.requireNonNullElse(name, "");
    protocol = ServicePods.protocol(protocol);
  }

  EndpointPort toSlicePort() {
    return new EndpointPort(appProtocol, name, port, protocol);
  }

  io.fabric8.kubernetes.api.model.EndpointPort toEndpointsPort() {
    return new io.fabric8.kubernetes.api.model.EndpointPort(
        appProtocol, name.isEmpty() ? null : name, port, protocol);
  }

  static SlicePort of(EndpointPort port) {
    return new SlicePort(
        port.getName(),
        port.getProtocol(),
        port.getPort() == null ? 0 : port.getPort(),
        port.getAppProtocol());
  }

  static SlicePort of(io.fabric8.kubernetes.api.model.EndpointPort port) {
    return new SlicePort(
        port.getName(),
        port.getProtocol(),
        port.getPort() == null ? 0 : port.getPort(),
        port.getAppProtocol());
  }

  /** {@code ports} in {@link #ORDER}. */
  static List<SlicePort> sorted(List<SlicePort> ports) {
    return ports.stream().sorted(ORDER).toList();
  }
}
