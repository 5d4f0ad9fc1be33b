package io.bosun.controllers.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.ApiResource;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deletes the objects of one resource in a namespace and counts what is left, as Kubernetes'
 * namespaced resources deleter: objects already being deleted are waited for, not deleted again.
 */
final class Contents {
  /** What remains of one resource after a pass. */
  record Remaining(
      ApiResource resource,
      int objects,
      Map<String, Integer> finalizers,
      long longestGraceSeconds,
      Throwable failure) {

    String groupResource() {
      return resource.group().isEmpty()
          ? resource.plural()
          : resource.plural() + "." + resource.group();
    }
  }

  private final KubeClient client;

  Contents(KubeClient client) {
    this.client = client;
  }

  /** Deletes every object of {@code resource} in {@code namespace}, then counts what remains. */
  Uni<Remaining> empty(ApiResource resource, String namespace) {
    ResourceClient<ObjectNode> objects = client.resources(resource.descriptor());
    return objects
        .list(namespace)
        .flatMap(
            list ->
                list.items().isEmpty()
                    ? Uni.createFrom().item(count(resource, List.of(), null))
                    : deleteAndRecount(resource, namespace, objects, list.items()))
        .onFailure()
        .recoverWithItem(failure -> new Remaining(resource, 0, Map.of(), 0, failure));
  }

  private Uni<Remaining> deleteAndRecount(
      ApiResource resource,
      String namespace,
      ResourceClient<ObjectNode> objects,
      List<ObjectNode> items) {
    DeleteOptions background = new DeleteOptions();
    background.setPropagationPolicy("Background");
    return Multi.createFrom()
        .iterable(items)
        .filter(object -> !object.path("metadata").hasNonNull("deletionTimestamp"))
        .onItem()
        .transformToUniAndMerge(
            object ->
                objects
                    .delete(namespace, object.path("metadata").path("name").asText(), background)
                    .onFailure(NotFoundException.class)
                    .recoverWithNull())
        .collect()
        .last()
        .flatMap(ignored -> objects.list(namespace))
        .map(list -> count(resource, list.items(), null));
  }

  private static Remaining count(ApiResource resource, List<ObjectNode> items, Throwable failure) {
    Map<String, Integer> finalizers = new TreeMap<>();
    long grace = 0;
    for (ObjectNode item : items) {
      JsonNode meta = item.path("metadata");
      List<String> names = new ArrayList<>();
      meta.path("finalizers").forEach(f -> names.add(f.asText()));
      names.forEach(f -> finalizers.merge(f, 1, Integer::sum));
      grace = Math.max(grace, meta.path("deletionGracePeriodSeconds").asLong(0));
    }
    return new Remaining(resource, items.size(), finalizers, grace, failure);
  }
}
