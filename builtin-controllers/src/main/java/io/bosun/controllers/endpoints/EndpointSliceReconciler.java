package io.bosun.controllers.endpoints;

import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.support.OwnerReferences;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Preconditions;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the EndpointSlices of one Service: every selected pod with an IP (terminating ones too,
 * marked so) as an endpoint, grouped by the ports the Service's targetPorts resolve to on it.
 * Slices of a deleted Service go with it through their owner reference (the garbage collector).
 */
final class EndpointSliceReconciler implements Reconciler {
  private final ResourceClient<EndpointSlice> slices;
  private final Informer<Service> services;
  private final Informer<Pod> pods;
  private final Informer<EndpointSlice> sliceCache;
  private final int maxEndpointsPerSlice;

  EndpointSliceReconciler(
      ResourceClient<EndpointSlice> slices,
      Informer<Service> services,
      Informer<Pod> pods,
      Informer<EndpointSlice> sliceCache,
      int maxEndpointsPerSlice) {
    this.slices = slices;
    this.services = services;
    this.pods = pods;
    this.sliceCache = sliceCache;
    this.maxEndpointsPerSlice = maxEndpointsPerSlice;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    Optional<Service> found = services.get(request.namespace(), request.name());
    if (found.isEmpty()
        || !ServicePods.managed(found.get())
        || found.get().getMetadata().getDeletionTimestamp() != null) {
      return Uni.createFrom().item(Result.done());
    }
    Service service = found.get();
    Map<String, EndpointSlice> existing = new LinkedHashMap<>();
    for (EndpointSlice slice : SliceLabels.managedSlices(sliceCache, service)) {
      existing.put(slice.getMetadata().getName(), slice);
    }
    SlicePlan plan =
        SlicePlan.plan(
            existing.values().stream()
                .filter(s -> SliceLabels.IPV4.equals(s.getAddressType()))
                .map(EndpointSliceReconciler::read)
                .toList(),
            desired(service),
            maxEndpointsPerSlice);
    List<Uni<Void>> writes = new ArrayList<>();
    Map<String, String> labels = SliceLabels.sliceLabels(service);
    plan.updates()
        .forEach(
            (name, content) -> {
              EndpointSlice current = existing.get(name);
              if (!upToDate(current, content, labels, service)) {
                writes.add(update(current, content, labels, service));
              }
            });
    plan.creates().forEach(content -> writes.add(create(service, content, labels)));
    plan.deletes().forEach(name -> writes.add(delete(existing.get(name))));
    existing.values().stream()
        .filter(s -> !SliceLabels.IPV4.equals(s.getAddressType()))
        .forEach(s -> writes.add(delete(s)));
    if (writes.isEmpty()) {
      return Uni.createFrom().item(Result.done());
    }
    return Uni.join().all(writes).andCollectFailures().replaceWith(Result.done());
  }

  /** The endpoints the Service should have, by their resolved ports. */
  private Map<List<SlicePort>, List<SliceEndpoint>> desired(Service service) {
    Map<List<SlicePort>, List<SliceEndpoint>> desired = new LinkedHashMap<>();
    for (Pod pod : ServicePods.selected(service, pods)) {
      if (ServicePods.inEndpoints(pod, true)) {
        PodEndpoint endpoint = PodEndpoint.of(pod, service);
        desired
            .computeIfAbsent(endpoint.ports(), ports -> new ArrayList<>())
            .add(endpoint.endpoint());
      }
    }
    return desired;
  }

  private static SlicePlan.Existing read(EndpointSlice slice) {
    return new SlicePlan.Existing(
        slice.getMetadata().getName(),
        new SlicePlan.Content(
            slice.getPorts() == null
                ? List.of()
                : slice.getPorts().stream().map(SlicePort::of).toList(),
            slice.getEndpoints() == null
                ? List.of()
                : slice.getEndpoints().stream().map(SliceEndpoint::of).toList()));
  }

  private static boolean upToDate(
      EndpointSlice current, SlicePlan.Content content, Map<String, String> labels, Service owner) {
    return read(current).content().equals(content)
        && Objects.equals(current.getMetadata().getLabels(), labels)
        && OwnerReferences.isControlledBy(current, owner);
  }

  private Uni<Void> update(
      EndpointSlice current,
      SlicePlan.Content content,
      Map<String, String> labels,
      Service service) {
    EndpointSlice next =
        withContent(new EndpointSliceBuilder(current).build(), content, labels, service);
    return slices.update(next).invoke(sliceCache::recordWrite).replaceWithVoid();
  }

  private Uni<Void> create(Service service, SlicePlan.Content content, Map<String, String> labels) {
    EndpointSlice slice = new EndpointSlice();
    slice.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(service.getMetadata().getNamespace())
            .withGenerateName(SliceLabels.generateName(service))
            .build());
    return slices
        .create(withContent(slice, content, labels, service))
        .invoke(sliceCache::recordWrite)
        .replaceWithVoid();
  }

  private Uni<Void> delete(EndpointSlice slice) {
    DeleteOptions options = new DeleteOptions();
    options.setPreconditions(new Preconditions(null, slice.getMetadata().getUid()));
    return slices
        .delete(slice.getMetadata().getNamespace(), slice.getMetadata().getName(), options)
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  private static EndpointSlice withContent(
      EndpointSlice slice, SlicePlan.Content content, Map<String, String> labels, Service owner) {
    slice.getMetadata().setLabels(new LinkedHashMap<>(labels));
    slice.getMetadata().setOwnerReferences(new ArrayList<>());
    OwnerReferences.setController(owner, slice);
    slice.setAddressType(SliceLabels.IPV4);
    slice.setPorts(content.ports().stream().map(SlicePort::toSlicePort).toList());
    slice.setEndpoints(content.endpoints().stream().map(SliceEndpoint::toModel).toList());
    return slice;
  }
}
