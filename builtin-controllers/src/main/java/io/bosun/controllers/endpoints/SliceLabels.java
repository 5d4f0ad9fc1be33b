package io.bosun.controllers.endpoints;

import io.bosun.controller.informer.Informer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The labels that tie EndpointSlices (and Endpoints) to their Service and their manager. */
final class SliceLabels {
  /** The label naming the Service a slice belongs to. */
  static final String SERVICE_NAME = "kubernetes.io/service-name";

  /** The label naming who manages a slice. */
  static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";

  /** Kubernetes' EndpointSlice controller's name, which this one takes over. */
  static final String CONTROLLER = "endpointslice-controller.k8s.io";

  /** The label Kubernetes puts on the endpoints of a headless Service. */
  static final String HEADLESS = "service.kubernetes.io/headless";

  /** The only address type written: pods get IPv4 addresses. */
  static final String IPV4 = "IPv4";

  private SliceLabels() {}

  /** The slices of the Service's namespace that this controller manages for it. */
  static List<EndpointSlice> managedSlices(Informer<EndpointSlice> slices, Service service) {
    String name = service.getMetadata().getName();
    return slices.byIndex(Informer.NAMESPACE_INDEX, service.getMetadata().getNamespace()).stream()
        .filter(slice -> slice.getMetadata().getLabels() != null)
        .filter(slice -> name.equals(slice.getMetadata().getLabels().get(SERVICE_NAME)))
        .filter(slice -> CONTROLLER.equals(slice.getMetadata().getLabels().get(MANAGED_BY)))
        .toList();
  }

  /**
   * The Service's own labels (but a managed-by or service-name of its own) and the headless label,
   * as both controllers copy them.
   */
  static Map<String, String> serviceLabels(Service service) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (service.getMetadata().getLabels() != null) {
      labels.putAll(service.getMetadata().getLabels());
    }
    if (ServicePods.headless(service)) {
      labels.put(HEADLESS, "");
    } else {
      labels.remove(HEADLESS);
    }
    return labels;
  }

  /** The labels of a slice of {@code service}. */
  static Map<String, String> sliceLabels(Service service) {
    Map<String, String> labels = serviceLabels(service);
    labels.put(SERVICE_NAME, service.getMetadata().getName());
    labels.put(MANAGED_BY, CONTROLLER);
    return labels;
  }

  /** The name prefix of a new slice: the Service's name and a dash, as Kubernetes names them. */
  static String generateName(Service service) {
    String prefix = service.getMetadata().getName();
    // A generated name adds five characters; names are at most 253.
    return (prefix.length() > 247 ? prefix.substring(0, 247) : prefix) + "-";
  }
}
