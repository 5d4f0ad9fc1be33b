package io.bosun.apiserver.endpoints.internal.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.bosun.core.api.Status;
import io.kubernetes.client.proto.Runtime.Unknown;
import java.util.Arrays;

/**
 * Decodes a Kubernetes protobuf body into the JSON object the REST layer handles. The wire format
 * is the magic {@code k8s\0} followed by a {@code runtime.Unknown} envelope whose {@code typeMeta}
 * names the kind and whose {@code raw} holds the object's message (see {@code ProtoKinds}).
 */
public final class ProtobufBody {
  /** The media type of Kubernetes protobuf bodies. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBody() {}

  /** Returns whether {@code mediaType} (without parameters, lower case) is protobuf. */
  public static boolean isProtobuf(String mediaType) {
    return MEDIA_TYPE.equals(mediaType);
  }

  /**
   * Returns the JSON document of a protobuf body, with {@code apiVersion} and {@code kind} taken
   * from the envelope.
   *
   * @throws io.bosun.core.api.StatusException 400 when the bytes do not decode, 415 when the kind
   *     or the content encoding is not one this server can decode
   */
  public static ObjectNode decode(byte[] body) {
    if (body == null
        || body.length < MAGIC.length
        || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw badRequest(
          "the protobuf body does not start with the Kubernetes magic bytes \"k8s\\0\"");
    }
    Unknown envelope;
    try {
      envelope = Unknown.parser().parseFrom(body, MAGIC.length, body.length - MAGIC.length);
    } catch (InvalidProtocolBufferException e) {
      throw badRequest("the protobuf envelope could not be decoded: " + e.getMessage());
    }
    String apiVersion = envelope.getTypeMeta().getApiVersion();
    String kind = envelope.getTypeMeta().getKind();
    if (!envelope.getContentEncoding().isEmpty()) {
      throw unsupported("content encoding \"" + envelope.getContentEncoding() + "\"");
    }
    Parser<? extends Message> parser =
        ProtoKinds.parser(apiVersion, kind)
            .orElseThrow(
                () ->
                    unsupported(
                        "kind \"" + kind + "\" in \"" + apiVersion + "\" (send it as JSON)"));
    Message message;
    try {
      message = parser.parseFrom(envelope.getRaw());
    } catch (InvalidProtocolBufferException e) {
      throw badRequest("the protobuf " + kind + " could not be decoded: " + e.getMessage());
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    JsonNode fields;
    try {
      fields = MessageJson.convert(message);
    } catch (IllegalArgumentException e) {
      throw badRequest("the protobuf " + kind + " could not be decoded: " + e.getMessage());
    }
    object.setAll((ObjectNode) fields);
    return object;
  }

  private static RuntimeException badRequest(String message) {
    return Status.badRequest("the body of the request could not be decoded: " + message)
        .asException();
  }

  private static RuntimeException unsupported(String what) {
    return new Status(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - "
                + MEDIA_TYPE
                + " is accepted for the built-in kinds only, not for "
                + what,
            null)
        .asException();
  }
}
