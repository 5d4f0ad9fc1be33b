package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.internal.MetaValidation;
import io.bosun.core.api.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reconciles an object's identity with the request path: {@code apiVersion} and {@code kind} are
 * filled in when missing and must match the path's resource, {@code metadata.namespace} is filled
 * in from the path and must match it (and is dropped for cluster-scoped kinds).
 */
public final class Identity {
  private Identity() {}

  /** Applies the path's identity to {@code object}, refusing mismatches with 400 Bad Request. */
  public static void apply(ResourceType type, String namespace, ObjectNode object) {
    MetaValidation.checkShape(object);
    String kind = text(object.get("kind"));
    String apiVersion = text(object.get("apiVersion"));
    if (!kind.isEmpty() && !kind.equals(type.kind())) {
      throw Status.badRequest(
              "the kind of the provided object ("
                  + kind
                  + ") does not match the kind of the resource ("
                  + type.kind()
                  + ")")
          .asException();
    }
    if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw Status.badRequest(
              "the API version in the data ("
                  + apiVersion
                  + ") does not match the expected API version ("
                  + type.apiVersion()
                  + ")")
          .asException();
    }
    // Rebuilt so that kind and apiVersion lead the document, as kube-apiserver writes them; the
    // other fields move as they are, without a copy.
    List<Map.Entry<String, JsonNode>> rest = new ArrayList<>();
    object.properties().forEach(e -> rest.add(Map.entry(e.getKey(), e.getValue())));
    object.removeAll();
    object.put("kind", type.kind());
    object.put("apiVersion", type.apiVersion());
    for (Map.Entry<String, JsonNode> field : rest) {
      if (!field.getKey().equals("kind") && !field.getKey().equals("apiVersion")) {
        object.set(field.getKey(), field.getValue());
      }
    }
    JsonNode metadata = object.get("metadata");
    ObjectNode meta = metadata instanceof ObjectNode m ? m : object.putObject("metadata");
    String bodyNamespace = text(meta.get("namespace"));
    if (!type.namespaced()) {
      meta.remove("namespace");
    } else if (bodyNamespace.isEmpty()) {
      meta.put("namespace", namespace);
    } else if (!bodyNamespace.equals(namespace)) {
      throw Status.badRequest(
              "the namespace of the provided object does not match the namespace sent on the"
                  + " request")
          .asException();
    }
  }

  /** The 400 of a body whose name is not the one in the path. */
  static RuntimeException nameMismatch(String bodyName, String urlName) {
    return Status.badRequest(
            "the name of the object ("
                + bodyName
                + ") does not match the name on the URL ("
                + urlName
                + ")")
        .asException();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "" : node.asText("");
  }
}
