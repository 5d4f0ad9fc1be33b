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
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the v1 Endpoints named as each Service with a selector: its pods' addresses, ready and not
 * ready, by port. Endpoints have no owner reference, so those of a deleted Service are deleted
 * here, as Kubernetes' endpoints controller does; only those it wrote (they carry {@link
 * #TRIGGER_TIME}), so that Endpoints written by hand before their Service stay.
 */
final class EndpointsReconciler implements Reconciler {
  /** The annotation kube's endpoints controller writes; here, the time of the last write. */
  static final String TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";

  private final ResourceClient<Endpoints> endpoints;
  private final Informer<Service> services;
  private final Informer<Pod> pods;
  private final Informer<Endpoints> endpointsCache;
  private final Clock clock;

  EndpointsReconciler(
      ResourceClient<Endpoints> endpoints,
      Informer<Service> services,
      Informer<Pod> pods,
      Informer<Endpoints> endpointsCache,
      Clock clock) {
    this.clock = clock;
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
      return current.isPresent() && written(current.get()) ? delete(request) : done();
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
    Map<String, String> annotations =
        new LinkedHashMap<>(
            next.getMetadata().getAnnotations() == null
                ? Map.of()
                : next.getMetadata().getAnnotations());
    annotations.put(TRIGGER_TIME, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    next.getMetadata().setAnnotations(annotations);
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

  private static boolean written(Endpoints endpoints) {
    Map<String, String> annotations = endpoints.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(TRIGGER_TIME);
  }

  private static Map<String, String> labelsOf(Endpoints endpoints) {
    Map<String, String> labels = endpoints.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static Uni<Result> done() {
    return Uni.createFrom().item(Result.done());
  }
}
