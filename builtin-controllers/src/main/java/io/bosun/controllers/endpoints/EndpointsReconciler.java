package io.bosun.controllers.endpoints;

import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the v1 Endpoints named as each Service with a selector: its pods' addresses, ready and not
 * ready, by port. Endpoints have no owner reference, so those of a deleted Service are deleted
 * here, as Kubernetes' endpoints controller does.
 */
final class EndpointsReconciler implements Reconciler {
  private final ResourceClient<Endpoints> endpoints;
  private final Informer<Service> services;
  private final Informer<Pod> pods;
  private final Informer<Endpoints> endpointsCache;

  EndpointsReconciler(
      ResourceClient<Endpoints> endpoints,
      Informer<Service> services,
      Informer<Pod> pods,
      Informer<Endpoints> endpointsCache) {
    this.endpoints = endpoints;
    this.services = services;
    this.pods = pods;
    this.endpointsCache = endpointsCache;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    Optional<Service> found = services.get(request.namespace(), request.name());
    Optional<Endpoints> current = endpointsCache.get(request.namespace(), request.name());
    if (found.isEmpty()) {
      return current.isEmpty() ? done() : delete(request);
    }
    Service service = found.get();
    if (!ServicePods.managed(service) || service.getMetadata().getDeletionTimestamp() != null) {
      return done();
    }
    List<LegacySubsets.Subset> subsets =
        LegacySubsets.compute(service, ServicePods.selected(service, pods));
    Map<String, String> labels = SliceLabels.serviceLabels(service);
    if (current.isPresent()
        && LegacySubsets.read(current.get().getSubsets()).equals(subsets)
        && Objects.equals(labelsOf(current.get()), labels)) {
      return done();
    }
    Endpoints next =
        current
            .map(existing -> new EndpointsBuilder(existing).build())
            .orElseGet(
                () ->
                    new EndpointsBuilder()
                        .withNewMetadata()
                        .withNamespace(request.namespace())
                        .withName(request.name())
                        .endMetadata()
                        .build());
    next.getMetadata().setLabels(new LinkedHashMap<>(labels));
    next.setSubsets(LegacySubsets.toModel(subsets));
    Uni<Endpoints> write = current.isPresent() ? endpoints.update(next) : endpoints.create(next);
    return write.invoke(endpointsCache::recordWrite).replaceWith(Result.done());
  }

  private Uni<Result> delete(Request request) {
    return endpoints
        .delete(request.namespace(), request.name())
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .replaceWith(Result.done());
  }

  private static Map<String, String> labelsOf(Endpoints endpoints) {
    Map<String, String> labels = endpoints.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static Uni<Result> done() {
    return Uni.createFrom().item(Result.done());
  }
}
