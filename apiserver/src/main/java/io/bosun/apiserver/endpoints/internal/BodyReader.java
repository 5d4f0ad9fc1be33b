package io.bosun.apiserver.endpoints.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bosun.apiserver.endpoints.internal.protobuf.ProtobufBody;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Schemas;
import io.bosun.core.api.Status;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Decodes request bodies: size limit, media type, JSON syntax, and the unknown-field check of
 * {@code fieldValidation} (top level and {@code metadata}; deeper levels come with full schemas).
 */
public final class BodyReader {
  /** The largest request body accepted: 3 MiB, as kube-apiserver. */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private BodyReader() {}

  /** Refuses a body whose media type is not JSON with 415. */
  public static void checkMediaType(String contentType) {
    if (!mediaType(contentType).equals("application/json")) {
      throw Status.unsupportedMediaType(contentType == null ? "" : contentType).asException();
    }
  }

  /**
   * Decodes the body of a create or update, JSON or Kubernetes protobuf (kubectl's typed commands
   * send protobuf), into a JSON object; 413, 415 or 400 when it cannot.
   */
  public static ObjectNode object(String contentType, byte[] body) {
    checkSize(body == null ? 0 : body.length);
    if (ProtobufBody.isProtobuf(mediaType(contentType))) {
      return ProtobufBody.decode(body);
    }
    checkMediaType(contentType);
    return object(body);
  }

  /** The media type of a body; none given is JSON, kube-apiserver's first serializer. */
  private static String mediaType(String contentType) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
    return type.isEmpty() ? "application/json" : type;
  }

  /** Refuses a body over {@link #MAX_BODY_BYTES} with 413. */
  public static void checkSize(long bytes) {
    if (bytes > MAX_BODY_BYTES) {
      throw Status.requestEntityTooLarge(MAX_BODY_BYTES).asException();
    }
  }

  /** Parses a body that must be a JSON object; 400 when it is not. */
  public static ObjectNode object(byte[] body) {
    checkSize(body == null ? 0 : body.length);
    if (body == null || body.length == 0) {
      throw Status.badRequest("the body of the request is empty; a JSON object is required")
          .asException();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw Status.badRequest(
              "the body of the request could not be decoded: json parse error: "
                  + e.getOriginalMessage())
          .asException();
    } catch (java.io.IOException e) {
      throw Status.badRequest("the body of the request could not be read").asException();
    }
    if (node == null || !node.isObject()) {
      throw Status.badRequest(
              "the body of the request could not be decoded: a JSON object is required")
          .asException();
    }
    return (ObjectNode) node;
  }

  /**
   * Decodes the body of a server-side apply, YAML or JSON, which must be one object; 400 with
   * Kubernetes' "error decoding YAML" otherwise.
   */
  public static ObjectNode applyConfiguration(byte[] body) {
    checkSize(body == null ? 0 : body.length);
    JsonNode node;
    try {
      node = body == null || body.length == 0 ? null : YAML.readTree(body);
    } catch (java.io.IOException e) {
      String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : "";
      throw Status.badRequest("error decoding YAML: " + detail).asException();
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      // An empty document is an empty configuration, which names no kind.
      return MAPPER.createObjectNode();
    }
    if (!node.isObject()) {
      throw Status.badRequest(
              "error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot"
                  + " unmarshal "
                  + (node.isArray() ? "array" : node.isTextual() ? "string" : "number")
                  + " into Go value of type map[string]interface {}")
          .asException();
    }
    return (ObjectNode) node;
  }

  /**
   * Returns the fields of an object that its kind's schema does not know, as paths such as {@code
   * spec} or {@code metadata.foo}.
   */
  public static List<String> unknownFields(ResourceType type, ObjectNode object) {
    Optional<List<String>> fromKind = type.strategy().unknownFields(object);
    if (fromKind.isPresent()) {
      return fromKind.get();
    }
    List<String> unknown = new ArrayList<>();
    JsonNode known = type.schema().path("properties");
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.has(field)) {
        unknown.add(field);
      }
    }
    JsonNode metadata = object.path("metadata");
    JsonNode knownMeta = Schemas.OBJECT_META.path("properties");
    for (Iterator<String> it = metadata.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!knownMeta.has(field)) {
        unknown.add("metadata." + field);
      }
    }
    return unknown;
  }
}
