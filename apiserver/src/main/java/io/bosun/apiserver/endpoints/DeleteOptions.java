package io.bosun.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.endpoints.internal.BodyReader;
import io.bosun.apiserver.registry.DeleteRequest;
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
    return new DeleteOptions(DeleteRequest.parse(options), List.copyOf(dryRun));
  }
}
