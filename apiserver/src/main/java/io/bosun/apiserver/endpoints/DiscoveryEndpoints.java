package io.bosun.apiserver.endpoints;

import io.bosun.apiserver.endpoints.internal.Discovery;
import io.bosun.apiserver.endpoints.internal.OpenApi;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.core.api.Status;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Discovery ({@code /api}, {@code /api/v1}, {@code /apis}, legacy and aggregated v2) and OpenAPI
 * v3, all generated from the kind registry. Query parameters such as kubectl's {@code timeout} are
 * accepted and ignored.
 */
@Path("/")
public class DiscoveryEndpoints {
  @Inject KindRegistry registry;

  @GET
  @Path("api")
  public Response api(
      @HeaderParam(HttpHeaders.ACCEPT) String accept, @HeaderParam("Host") String host) {
    if (Discovery.wantsAggregated(accept)) {
      return aggregated(true);
    }
    return Json.ok(Discovery.apiVersions(host == null ? "" : host).toString());
  }

  @GET
  @Path("api/v1")
  public Response coreV1() {
    return Json.ok(Discovery.apiResourceList(registry.groupVersion("", "v1"), "v1").toString());
  }

  @GET
  @Path("apis")
  public Response apis(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
    if (Discovery.wantsAggregated(accept)) {
      return aggregated(false);
    }
    return Json.ok(Discovery.apiGroupList(registry).toString());
  }

  @GET
  @Path("openapi/v3")
  public Response openApiIndex() {
    return Json.ok(OpenApi.index(registry).toString());
  }

  @GET
  @Path("openapi/v3/api/{version}")
  public Response openApiCore(@PathParam("version") String version) {
    return openApi("", version);
  }

  @GET
  @Path("openapi/v3/apis/{group}/{version}")
  public Response openApiGroup(
      @PathParam("group") String group, @PathParam("version") String version) {
    return openApi(group, version);
  }

  private Response openApi(String group, String version) {
    if (registry.groupVersion(group, version).isEmpty()) {
      return Json.failure(Status.noSuchResource());
    }
    return Json.ok(OpenApi.document(registry, group, version).toString());
  }

  private Response aggregated(boolean core) {
    return Response.ok(Discovery.aggregated(registry, core).toString(), Discovery.AGGREGATED_TYPE)
        .build();
  }
}
