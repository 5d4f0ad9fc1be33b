package io.bosun.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one selected pod gives a Service: its endpoint with Kubernetes' conditions and the Service's
 * ports as they resolve on this pod (a named targetPort the pod lacks is left out).
 *
 * @param endpoint the endpoint
 * @param ports the resolved ports, in {@link SlicePort#ORDER}
 */
record PodEndpoint(SliceEndpoint endpoint, List<SlicePort> ports) {

  /**
   * The endpoint of {@code pod} for {@code service}, as Kubernetes' {@code podToEndpoint}: serving
   * when the pod is ready (or the Service publishes not-ready addresses), terminating while it is
   * being deleted, ready when serving and not terminating (or publishing not-ready addresses).
   */
  static PodEndpoint of(Pod pod, Service service) {
    boolean publish = ServicePods.publishNotReady(service);
    boolean serving = publish || ServicePods.ready(pod);
    boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
    boolean ready = publish || (serving && !terminating);
    SliceEndpoint endpoint =
        new SliceEndpoint(
            ServicePods.ipv4(pod),
            ready,
            serving,
            terminating,
            pod.getSpec() == null ? null : emptyToNull(pod.getSpec().getNodeName()),
            ServicePods.hostname(pod, service),
            new SliceEndpoint.PodRef(
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                pod.getMetadata().getUid()));
    return new PodEndpoint(endpoint, ports(pod, service));
  }

  private static List<SlicePort> ports(Pod pod, Service service) {
    List<SlicePort> ports = new ArrayList<>();
    List<ServicePort> servicePorts = service.getSpec().getPorts();
    for (ServicePort port : servicePorts == null ? List.<ServicePort>of() : servicePorts) {
      OptionalInt number = ServicePods.targetPort(pod, port);
      if (number.isPresent()) {
        ports.add(
            new SlicePort(
                port.getName(), port.getProtocol(), number.getAsInt(), port.getAppProtocol()));
      }
    }
    return SlicePort.sorted(ports);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
