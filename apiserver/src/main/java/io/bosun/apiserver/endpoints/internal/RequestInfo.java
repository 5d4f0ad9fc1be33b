package io.bosun.apiserver.endpoints.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a resource request addresses, parsed from its path as kube-apiserver's {@code
 * RequestInfoFactory} does: {@code /api/v1[/watch][/namespaces/{ns}]/{resource}[/{name}[/{sub}]]}
 * and the same under {@code /apis/{group}/{version}}.
 *
 * @param group the API group ({@code ""} for core)
 * @param version the API version
 * @param namespace the namespace in the path, or null
 * @param resource the plural resource, or null for a group-version discovery path
 * @param name the object's name, or null for a collection
 * @param subresource the subresource, or null
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 */
public record RequestInfo(
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource,
    String verb) {

  /**
   * Parses a request; returns null when the path is not a resource path at all.
   *
   * @param method the HTTP method
   * @param path the decoded request path
   * @param watchParam the {@code watch} query parameter, or null
   */
  public static RequestInfo parse(String method, String path, String watchParam) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    String group;
    int next;
    if (parts.get(0).equals("api") && parts.size() >= 2) {
      group = "";
      next = 1;
    } else if (parts.get(0).equals("apis") && parts.size() >= 3) {
      group = parts.get(1);
      next = 2;
    } else {
      return null;
    }
    String version = parts.get(next);
    List<String> rest = parts.subList(next + 1, parts.size());
    boolean legacyWatch = !rest.isEmpty() && rest.get(0).equals("watch");
    if (legacyWatch) {
      rest = rest.subList(1, rest.size());
    }
    String namespace = null;
    // A namespace's own subresources (/namespaces/x/status, /finalize) name no resource inside it.
    boolean namespaceSubresource =
        rest.size() == 3
            && rest.get(0).equals("namespaces")
            && List.of("status", "finalize").contains(rest.get(2));
    if (rest.size() >= 3 && rest.get(0).equals("namespaces") && !namespaceSubresource) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.isEmpty() ? null : rest.get(0);
    String name = rest.size() >= 2 ? rest.get(1) : null;
    String subresource = rest.size() >= 3 ? String.join("/", rest.subList(2, rest.size())) : null;
    if (resource == null && legacyWatch) {
      return null;
    }
    return new RequestInfo(
        group,
        version,
        namespace,
        resource,
        name,
        subresource,
        verb(method, name != null, legacyWatch || isTrue(watchParam)));
  }

  private static String verb(String method, boolean named, boolean watch) {
    return switch (method) {
      case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static boolean isTrue(String value) {
    return value != null && (value.equals("true") || value.equals("1"));
  }
}
