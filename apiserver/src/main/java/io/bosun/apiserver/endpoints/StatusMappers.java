package io.bosun.apiserver.endpoints;

import io.bosun.apiserver.endpoints.internal.Errors;
import io.bosun.core.api.Status;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of a JAX-RS endpoint into a Kubernetes {@code Status} response. */
public class StatusMappers {

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return Json.failure(Status.noSuchResource());
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e) {
    return Json.failure(
        new Status(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
            null));
  }

  @ServerExceptionMapper
  public Response notSupported(NotSupportedException e) {
    return Json.failure(Status.unsupportedMediaType(""));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int code = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (code == 413) {
      return Json.failure(
          Status.requestEntityTooLarge(
              io.bosun.apiserver.endpoints.internal.BodyReader.MAX_BODY_BYTES));
    }
    if (code >= 400 && code < 500) {
      return Json.failure(
          new Status(
              code, "BadRequest", e.getMessage() == null ? "bad request" : e.getMessage(), null));
    }
    return Json.failure(Errors.toStatus(e));
  }

  @ServerExceptionMapper
  public Response any(Throwable e) {
    return Json.failure(Errors.toStatus(e));
  }
}
