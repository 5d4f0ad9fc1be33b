package io.bosun.apiserver.endpoints;

import io.bosun.apiserver.endpoints.internal.Versions;
import io.bosun.core.api.Status;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /healthz}, {@code /livez}, {@code /readyz} and {@code /version}; open without a token. */
@Path("/")
public class HealthEndpoints {
  @Inject ReadinessCheck readiness;

  @GET
  @Path("healthz")
  public Response healthz() {
    return ok();
  }

  @GET
  @Path("livez")
  public Response livez() {
    return ok();
  }

  @GET
  @Path("readyz")
  public Response readyz() {
    return readiness.ready()
        ? ok()
        : Json.failure(Status.serviceUnavailable("storage is not ready", 1));
  }

  @GET
  @Path("version")
  public Response version() {
    return Json.ok(Versions.info().toString());
  }

  private static Response ok() {
    return Response.ok("ok", "text/plain; charset=utf-8").build();
  }
}
