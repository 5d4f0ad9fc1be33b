package io.bosun.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.endpoints.internal.BodyReader;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.core.api.Status;

/** Reads the preconditions of an optional {@code DeleteOptions} body. */
final class DeleteOptions {
  private DeleteOptions() {}

  static Preconditions preconditions(byte[] body) {
    if (body == null || body.length == 0) {
      return Preconditions.NONE;
    }
    ObjectNode options = BodyReader.object(body);
    JsonNode preconditions = options.path("preconditions");
    String uid = preconditions.path("uid").asText(null);
    String rv = preconditions.path("resourceVersion").asText(null);
    Long version = null;
    if (rv != null && !rv.isEmpty()) {
      try {
        version = Long.parseLong(rv);
      } catch (NumberFormatException e) {
        throw Status.badRequest("invalid resource version in preconditions: " + rv).asException();
      }
    }
    return new Preconditions(uid == null || uid.isEmpty() ? null : uid, version);
  }
}
