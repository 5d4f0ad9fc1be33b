package io.bosun.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.endpoints.internal.BodyReader;
import io.bosun.apiserver.registry.DeleteRequest;
import io.bosun.apiserver.registry.Propagation;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.core.api.Status;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;

/**
 * What a delete asks, from an optional {@code DeleteOptions} body (kubectl sends one) and the query
 * parameters of the same names: preconditions, grace period, propagation and {@code dryRun}.
 */
record DeleteOptions(DeleteRequest request, List<String> dryRun) {

  static DeleteOptions parse(byte[] body, MultivaluedMap<String, String> query) {
    ObjectNode options =
        body == null || body.length == 0
            ? JsonNodeFactory.instance.objectNode()
            : BodyReader.object(body);
    for (String name : List.of("gracePeriodSeconds", "propagationPolicy", "orphanDependents")) {
      String value = query.getFirst(name);
      if (value != null && !options.has(name)) {
        options.put(name, value);
      }
    }
    List<String> dryRun = new ArrayList<>();
    options.path("dryRun").forEach(value -> dryRun.add(value.asText()));
    dryRun.addAll(query.getOrDefault("dryRun", List.of()));
    DeleteRequest request =
        new DeleteRequest(
            preconditions(options.path("preconditions")),
            gracePeriod(options.get("gracePeriodSeconds")),
            Propagation.parse(options.get("propagationPolicy"), orphan(options)).orElse(null));
    return new DeleteOptions(request, List.copyOf(dryRun));
  }

  private static JsonNode orphan(ObjectNode options) {
    JsonNode orphan = options.get("orphanDependents");
    if (orphan != null && orphan.isTextual()) {
      return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(orphan.asText()));
    }
    return orphan;
  }

  private static Long gracePeriod(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.canConvertToLong() || value.asText().matches("-?\\d+")) {
      return value.asLong();
    }
    throw Status.badRequest("invalid gracePeriodSeconds: " + value.asText()).asException();
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
