package io.bosun.controllers.endpoints;

import io.bosun.controller.handler.RequestMapper;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Request;
import io.bosun.controllers.labels.Selectors;
import io.bosun.controllers.pods.PodStates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which pods a Service selects and what they offer it, as Kubernetes' {@code endpointutil} and
 * {@code podutil.FindPort} answer: the shared rules of both endpoints controllers.
 */
final class ServicePods {
  /** The clusterIP of a headless Service. */
  static final String NONE = "None";

  private ServicePods() {}

  /**
   * Whether the endpoints controllers manage {@code service}: only when it has a selector. An empty
   * selector counts as none (fabric8 reads a missing selector as an empty map), so a Service
   * without a selector, such as {@code default/kubernetes}, keeps the endpoints others write.
   */
  static boolean managed(Service service) {
    return service.getSpec() != null && !selector(service).isEmpty();
  }

  /** The pods of the namespace that {@code service} selects, by name. */
  static List<Pod> selected(Service service, Informer<Pod> pods) {
    Map<String, String> selector = selector(service);
    return pods.byIndex(Informer.NAMESPACE_INDEX, service.getMetadata().getNamespace()).stream()
        .filter(pod -> Selectors.matches(selector, pod.getMetadata().getLabels()))
        .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
        .toList();
  }

  /**
   * Whether a pod has a place among a Service's endpoints at all: it has an IP, is not being
   * deleted (unless {@code includeTerminating}), and is not finished for good under its restart
   * policy.
   */
  static boolean inEndpoints(Pod pod, boolean includeTerminating) {
    if (ipv4(pod) == null) {
      return false;
    }
    if (!includeTerminating && pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    String phase = PodStates.phase(pod);
    String restartPolicy = pod.getSpec() == null ? null : pod.getSpec().getRestartPolicy();
    if ("Never".equals(restartPolicy)) {
      return !PodStates.FAILED.equals(phase) && !PodStates.SUCCEEDED.equals(phase);
    }
    if ("OnFailure".equals(restartPolicy)) {
      return !PodStates.SUCCEEDED.equals(phase);
    }
    return true;
  }

  /** The pod's IPv4 address ({@code status.podIP} or the first IPv4 of podIPs), or null. */
  static String ipv4(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    Stream<String> candidates =
        Stream.concat(
            Stream.ofNullable(pod.getStatus().getPodIP()),
            pod.getStatus().getPodIPs() == null
                ? Stream.empty()
                : pod.getStatus().getPodIPs().stream().map(ip -> ip.getIp()));
    return candidates
        .filter(Objects::nonNull)
        .filter(ip -> !ip.isEmpty() && !ip.contains(":"))
        .findFirst()
        .orElse(null);
  }

  /**
   * The port {@code port}'s targetPort is on {@code pod}: a number as it is (the port itself when
   * unset), a name looked up among the containers' ports of the same protocol; empty when the pod
   * has no such named port.
   */
  static OptionalInt targetPort(Pod pod, ServicePort port) {
    IntOrString target = port.getTargetPort();
    if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
      return port.getPort() == null ? OptionalInt.empty() : OptionalInt.of(port.getPort());
    }
    if (target.getIntVal() != null) {
      return OptionalInt.of(target.getIntVal());
    }
    String protocol = protocol(port.getProtocol());
    List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
    for (Container container : containers == null ? List.<Container>of() : containers) {
      for (ContainerPort candidate : container.getPorts()) {
        if (target.getStrVal().equals(candidate.getName())
            && protocol.equals(protocol(candidate.getProtocol()))
            && candidate.getContainerPort() != null) {
          return OptionalInt.of(candidate.getContainerPort());
        }
      }
    }
    return OptionalInt.empty();
  }

  /** A protocol as given, TCP when unset (the API's default). */
  static String protocol(String protocol) {
    return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
  }

  /** Whether the pod is ready to serve: its Ready condition is True. */
  static boolean ready(Pod pod) {
    return PodStates.isReady(pod);
  }

  /** Whether the Service asks for not-ready pods to be published as ready. */
  static boolean publishNotReady(Service service) {
    return Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
  }

  /** Whether the Service is headless. */
  static boolean headless(Service service) {
    return NONE.equals(service.getSpec().getClusterIP());
  }

  /** The hostname a pod gets among a Service's endpoints: its own when its subdomain names it. */
  static String hostname(Pod pod, Service service) {
    if (pod.getSpec() == null) {
      return null;
    }
    String hostname = pod.getSpec().getHostname();
    return hostname != null
            && !hostname.isEmpty()
            && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())
        ? hostname
        : null;
  }

  /**
   * The Services a pod change concerns: those of its namespace whose selector selects it (the SDK
   * maps the old and the new pod, so a pod that left a Service is seen by both).
   */
  static RequestMapper<Pod> services(Informer<Service> services) {
    return pod -> {
      String namespace = pod.getMetadata().getNamespace();
      return services.byIndex(Informer.NAMESPACE_INDEX, namespace).stream()
          .filter(ServicePods::managed)
          .filter(s -> Selectors.matches(selector(s), pod.getMetadata().getLabels()))
          .map(s -> Request.of(namespace, s.getMetadata().getName()))
          .collect(Collectors.toSet());
    };
  }

  private static Map<String, String> selector(Service service) {
    Map<String, String> selector = service.getSpec().getSelector();
    return selector == null ? Map.of() : selector;
  }
}
