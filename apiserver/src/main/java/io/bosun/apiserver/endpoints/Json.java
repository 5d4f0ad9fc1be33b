package io.bosun.apiserver.endpoints;

import io.bosun.core.api.Status;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.core.Response;

/** Builds JAX-RS responses whose Content-Type is {@code application/json}. */
final class Json {
  static final String TYPE = "application/json";

  private Json() {}

  static Response ok(String json) {
    return Response.ok(json, TYPE).build();
  }

  /** A body already encoded as UTF-8, such as a long list. */
  static Response ok(Buffer json) {
    return Response.ok(json, TYPE).build();
  }

  static Response status(int code, String json) {
    return Response.status(code).type(TYPE).entity(json).build();
  }

  static Response failure(Status status) {
    Response.ResponseBuilder response =
        Response.status(status.code()).type(TYPE).entity(status.toJson());
    if (status.details() != null && status.details().retryAfterSeconds() > 0) {
      response.header("Retry-After", status.details().retryAfterSeconds());
    }
    return response.build();
  }
}
