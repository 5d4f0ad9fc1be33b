package io.bosun.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.endpoints.internal.BodyReader;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.core.api.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * What an optional {@code DeleteOptions} body asks: preconditions, and {@code dryRun} (kubectl
 * sends it here rather than in the query string).
 */
record DeleteOptions(Preconditions preconditions, List<String> dryRun) {
  static final DeleteOptions NONE = new DeleteOptions(Preconditions.NONE, List.of());

  static DeleteOptions parse(byte[] body) {
    if (body == null || body.length == 0) {
      return NONE;
    }
    ObjectNode options = BodyReader.object(body);
    List<String> dryRun = new ArrayList<>();
    options.path("dryRun").forEach(value -> dryRun.add(value.asText()));
    return new DeleteOptions(preconditions(options.path("preconditions")), List.copyOf(dryRun));
  }

  private static Preconditions preconditions(JsonNode preconditions) {
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
