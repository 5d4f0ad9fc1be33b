package io.bosun.controller.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.controller.client.ApiResource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the discovery documents: {@code /api/v1}, then {@code /apis} for the groups and each
 * group's preferred version. Groups are read one after another: discovery is rare, and the server's
 * answer is small.
 */
final class Discovery {
  private Discovery() {}

  static Uni<List<ApiResource>> resources(HttpTransport transport) {
    Uni<List<ApiResource>> core = resourceList(transport, "", "v1");
    Uni<List<ApiResource>> groups =
        get(transport, "/apis")
            .onItem()
            .transformToMulti(
                list -> {
                  List<String[]> versions = new ArrayList<>();
                  for (JsonNode group : list.path("groups")) {
                    String name = group.path("name").asText("");
                    String preferred = group.path("preferredVersion").path("version").asText("");
                    if (preferred.isEmpty() && group.path("versions").size() > 0) {
                      preferred = group.path("versions").get(0).path("version").asText("");
                    }
                    if (!name.isEmpty() && !preferred.isEmpty()) {
                      versions.add(new String[] {name, preferred});
                    }
                  }
                  return Multi.createFrom().iterable(versions);
                })
            .onItem()
            .transformToUniAndConcatenate(gv -> resourceList(transport, gv[0], gv[1]))
            .collect()
            .in(ArrayList::new, List::addAll);
    return core.flatMap(
        coreResources ->
            groups.map(
                groupResources -> {
                  List<ApiResource> all = new ArrayList<>(coreResources);
                  all.addAll(groupResources);
                  return List.copyOf(all);
                }));
  }

  private static Uni<List<ApiResource>> resourceList(
      HttpTransport transport, String group, String version) {
    String path = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return get(transport, path)
        .map(
            list -> {
              List<ApiResource> resources = new ArrayList<>();
              for (JsonNode resource : list.path("resources")) {
                String name = resource.path("name").asText("");
                if (name.isEmpty() || name.contains("/")) {
                  continue;
                }
                List<String> verbs = new ArrayList<>();
                resource.path("verbs").forEach(v -> verbs.add(v.asText()));
                resources.add(
                    new ApiResource(
                        group,
                        version,
                        resource.path("kind").asText(""),
                        name,
                        resource.path("namespaced").asBoolean(false),
                        verbs));
              }
              return resources;
            });
  }

  private static Uni<JsonNode> get(HttpTransport transport, String path) {
    return transport
        .send(ApiRequest.of(HttpMethod.GET, path, List.of()))
        .map(
            body -> {
              try {
                return Json.MAPPER.readTree(body);
              } catch (IOException e) {
                throw new IllegalStateException(
                    "the server sent invalid JSON at " + path + ": " + e.getMessage());
              }
            });
  }
}
