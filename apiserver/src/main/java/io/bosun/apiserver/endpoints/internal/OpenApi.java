package io.bosun.apiserver.endpoints.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Generates {@code /openapi/v3} from the kind registry: the index of group versions and one
 * document per group version with each resource's paths, operations (with {@code
 * x-kubernetes-action} and {@code x-kubernetes-group-version-kind}) and schemas.
 *
 * <p>kubectl decides to validate on the server ({@code fieldValidation}) when the PATCH operation
 * of a kind lists that parameter, so PATCH is described for every kind that supports it.
 */
public final class OpenApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenApi() {}

  /** The group-version path of a resource type in the index: {@code api/v1}, {@code apis/g/v}. */
  public static String groupVersionPath(String group, String version) {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }

  /** The {@code /openapi/v3} index, with a content hash per group-version document. */
  public static ObjectNode index(KindRegistry registry) {
    ObjectNode root = NODES.objectNode();
    ObjectNode paths = root.putObject("paths");
    paths
        .putObject(groupVersionPath("", "v1"))
        .put("serverRelativeURL", "/openapi/v3/api/v1?hash=" + hash(document(registry, "", "v1")));
    for (Map.Entry<String, List<String>> group : registry.groups().entrySet()) {
      for (String version : group.getValue()) {
        String path = groupVersionPath(group.getKey(), version);
        paths
            .putObject(path)
            .put(
                "serverRelativeURL",
                "/openapi/v3/"
                    + path
                    + "?hash="
                    + hash(document(registry, group.getKey(), version)));
      }
    }
    return root;
  }

  /** The OpenAPI v3 document of one group version. */
  public static ObjectNode document(KindRegistry registry, String group, String version) {
    ObjectNode doc = NODES.objectNode();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Bosun").put("version", Versions.GIT_VERSION);
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (ResourceType type : registry.groupVersion(group, version)) {
      String schemaName = schemaName(type);
      ObjectNode schema = type.schema().deepCopy();
      gvk(schema.putArray("x-kubernetes-group-version-kind").addObject(), type);
      schemas.set(schemaName, schema);
      String prefix = "/" + groupVersionPath(group, version) + "/";
      String collection =
          prefix + (type.namespaced() ? "namespaces/{namespace}/" : "") + type.resource();
      ObjectNode collectionItem = paths.putObject(collection);
      operation(collectionItem, "get", "list", type, schemaName, false);
      operation(collectionItem, "post", "post", type, schemaName, true);
      ObjectNode item = paths.putObject(collection + "/{name}");
      operation(item, "get", "get", type, schemaName, false);
      operation(item, "put", "put", type, schemaName, true);
      operation(item, "patch", "patch", type, schemaName, true);
      operation(item, "delete", "delete", type, schemaName, false);
    }
    return doc;
  }

  private static void operation(
      ObjectNode pathItem,
      String method,
      String action,
      ResourceType type,
      String schemaName,
      boolean writes) {
    ObjectNode op = pathItem.putObject(method);
    op.put("operationId", action + type.kind());
    op.put("x-kubernetes-action", action);
    gvk(op.putObject("x-kubernetes-group-version-kind"), type);
    ArrayNode parameters = op.putArray("parameters");
    if (writes) {
      query(parameters, "dryRun");
      query(parameters, "fieldManager");
      query(parameters, "fieldValidation");
      op.putObject("requestBody")
          .putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", "#/components/schemas/" + schemaName);
    }
    op.putObject("responses")
        .putObject("200")
        .put("description", "OK")
        .putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/" + schemaName);
  }

  private static void query(ArrayNode parameters, String name) {
    ObjectNode p = parameters.addObject();
    p.put("name", name);
    p.put("in", "query");
    p.put("uniqueItems", true);
    p.putObject("schema").put("type", "string");
  }

  private static void gvk(ObjectNode node, ResourceType type) {
    node.put("group", type.group()).put("kind", type.kind()).put("version", type.version());
  }

  private static String schemaName(ResourceType type) {
    String group = type.group().isEmpty() ? "core" : type.group();
    return "io.k8s.api." + group + "." + type.version() + "." + type.kind();
  }

  private static String hash(ObjectNode doc) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-512")
              .digest(doc.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).toUpperCase(java.util.Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
