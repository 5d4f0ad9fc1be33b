package io.bosun.controllers.endpoints;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.handler.RequestMapper;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The two controllers that publish where a Service's pods are: the EndpointSlice controller
 * (discovery.k8s.io/v1, what the service proxy follows) and the legacy v1 Endpoints controller.
 *
 * <pre>{@code
 * Controller slices = EndpointsControllers.endpointSlices(client, sources);
 * slices.start(sources);
 * }</pre>
 */
public final class EndpointsControllers {
  /** The EndpointSlice controller's name in logs. */
  public static final String SLICES = "endpointslice-controller";

  /** The Endpoints controller's name in logs. */
  public static final String ENDPOINTS = "endpoints-controller";

  private EndpointsControllers() {}

  /**
   * The EndpointSlice controller, at most {@value SlicePlan#MAX_ENDPOINTS_PER_SLICE} endpoints a
   * slice (Kubernetes' default).
   */
  public static Controller endpointSlices(KubeClient client, InformerEventSources sources) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Informer<Service> services = sources.informer(Service.class);
    Informer<Pod> pods = sources.informer(Pod.class);
    Informer<EndpointSlice> slices = sources.informer(EndpointSlice.class);
    return Controller.forResource(Service.class)
        .watches(Pod.class, ServicePods.services(services))
        .watches(EndpointSlice.class, EndpointsControllers::sliceService)
        .withOptions(ControllerOptions.builder().name(SLICES).build())
        .build(
            new EndpointSliceReconciler(
                client.resources(EndpointSlice.class),
                services,
                pods,
                slices,
                SlicePlan.MAX_ENDPOINTS_PER_SLICE));
  }

  /** The v1 Endpoints controller. */
  public static Controller endpoints(KubeClient client, InformerEventSources sources) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Informer<Service> services = sources.informer(Service.class);
    return Controller.forResource(Service.class)
        .watches(Pod.class, ServicePods.services(services))
        .watches(Endpoints.class, RequestMapper.self())
        .withOptions(ControllerOptions.builder().name(ENDPOINTS).build())
        .build(
            new EndpointsReconciler(
                client.resources(Endpoints.class),
                services,
                sources.informer(Pod.class),
                sources.informer(Endpoints.class),
                Clock.systemUTC()));
  }

  /** The Service a managed slice belongs to (by its label: a slice may lose its owner). */
  private static Set<Request> sliceService(EndpointSlice slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    if (labels == null
        || !SliceLabels.CONTROLLER.equals(labels.get(SliceLabels.MANAGED_BY))
        || labels.get(SliceLabels.SERVICE_NAME) == null) {
      return Set.of();
    }
    return Set.of(
        Request.of(slice.getMetadata().getNamespace(), labels.get(SliceLabels.SERVICE_NAME)));
  }
}
