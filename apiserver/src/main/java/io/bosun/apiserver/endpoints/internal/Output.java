package io.bosun.apiserver.endpoints.internal;

import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.storage.ListResult;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.core.api.Status;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The form a read answers in, negotiated from the Accept header as kube-apiserver does: the objects
 * themselves, a meta.k8s.io Table ({@code kubectl get}), or PartialObjectMetadata (metadata-only
 * clients). The first media type of the header that Bosun can produce wins; a header with none
 * falls back to the objects.
 *
 * @param form what to convert to
 * @param version meta.k8s.io's version for Table and PartialObjectMetadata ({@code v1} or {@code
 *     v1beta1})
 * @param includeObject what each Table row carries
 */
public record Output(Form form, String version, IncludeObject includeObject) {

  /** What a response is converted to. */
  public enum Form {
    OBJECT,
    TABLE,
    METADATA,
    METADATA_LIST
  }

  /** A Table row's {@code object}: nothing, PartialObjectMetadata (the default) or the object. */
  public enum IncludeObject {
    NONE,
    METADATA,
    OBJECT
  }

  /** The objects as stored. */
  public static final Output OBJECT = new Output(Form.OBJECT, "v1", IncludeObject.METADATA);

  private static final List<String> META_VERSIONS = List.of("v1", "v1beta1");

  /**
   * Negotiates the form from an Accept header and the {@code includeObject} query parameter (either
   * may be null).
   */
  public static Output negotiate(String accept, String includeObject) {
    if (accept == null || accept.isBlank()) {
      return OBJECT;
    }
    for (String range : accept.split(",")) {
      Output output = of(range, includeObject);
      if (output != null) {
        return output;
      }
    }
    return OBJECT;
  }

  /** The meta.k8s.io apiVersion of a Table or PartialObjectMetadata. */
  public String apiVersion() {
    return "meta.k8s.io/" + version;
  }

  /** One object in this form; 406 when a list form was asked for. */
  public String object(ResourceType type, StoredObject object, Instant now) {
    return switch (form) {
      case OBJECT -> object.json();
      case TABLE ->
          Encoding.table(type, List.of(object), object.resourceVersion(), null, now, this);
      case METADATA -> Encoding.partialObjectMetadata(object, apiVersion());
      case METADATA_LIST ->
          throw notAcceptable(
              "you requested PartialObjectMetadataList, but the requested object is not a list ("
                  + type.kind()
                  + ")");
    };
  }

  /** A list in this form; 406 when PartialObjectMetadata of one object was asked for. */
  public Buffer list(ResourceType type, ListResult page, Instant now) {
    return switch (form) {
      case OBJECT -> Encoding.list(type, page);
      case TABLE ->
          Buffer.buffer(
              Encoding.table(
                  type, page.items(), page.resourceVersion(), page.continueToken(), now, this));
      case METADATA_LIST -> Buffer.buffer(Encoding.partialObjectMetadataList(page, apiVersion()));
      case METADATA ->
          throw notAcceptable(
              "you requested PartialObjectMetadata, but the requested object is a list ("
                  + type.listKind()
                  + ")");
    };
  }

  /** The form of each watch event's object: a metadata watch sends PartialObjectMetadata. */
  public Output forWatch() {
    return form == Form.METADATA_LIST ? new Output(Form.METADATA, version, includeObject) : this;
  }

  private static Output of(String range, String includeObject) {
    String[] parts = range.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")
        && !mediaType.equals("application/*")
        && !mediaType.equals("*/*")) {
      return null;
    }
    String as = null;
    String group = null;
    String version = null;
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].trim().split("=", 2);
      String value = pair.length == 2 ? pair[1].trim().replace("\"", "") : "";
      switch (pair[0].trim()) {
        case "as" -> as = value;
        case "g" -> group = value;
        case "v" -> version = value;
        default -> {}
      }
    }
    if (as == null) {
      return OBJECT;
    }
    if (!"meta.k8s.io".equals(group) || !META_VERSIONS.contains(version)) {
      return null;
    }
    return switch (as) {
      case "Table" -> new Output(Form.TABLE, version, includeObject(includeObject));
      case "PartialObjectMetadata" -> new Output(Form.METADATA, version, IncludeObject.METADATA);
      case "PartialObjectMetadataList" ->
          new Output(Form.METADATA_LIST, version, IncludeObject.METADATA);
      default -> null;
    };
  }

  private static IncludeObject includeObject(String value) {
    if (value == null || value.isEmpty()) {
      return IncludeObject.METADATA;
    }
    return switch (value) {
      case "None" -> IncludeObject.NONE;
      case "Metadata" -> IncludeObject.METADATA;
      case "Object" -> IncludeObject.OBJECT;
      default ->
          throw Status.badRequest(
                  "includeObject: Unsupported value: \""
                      + value
                      + "\": supported values: \"None\", \"Metadata\", \"Object\"")
              .asException();
    };
  }

  private static RuntimeException notAcceptable(String message) {
    return new Status(406, "NotAcceptable", message, null).asException();
  }
}
