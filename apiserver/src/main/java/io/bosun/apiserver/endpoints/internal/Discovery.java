package io.bosun.apiserver.endpoints.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Subresource;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds the discovery documents from the kind registry, in the legacy and aggregated forms. */
public final class Discovery {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The media type of aggregated discovery (apidiscovery.k8s.io/v2) responses. */
  public static final String AGGREGATED_TYPE =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private Discovery() {}

  /** Returns whether an Accept header asks for aggregated discovery v2 first. */
  public static boolean wantsAggregated(String accept) {
    if (accept == null) {
      return false;
    }
    String first = accept.split(",")[0].replace(" ", "");
    return first.contains("as=APIGroupDiscoveryList")
        && first.contains("g=apidiscovery.k8s.io")
        && first.contains("v=v2")
        && !first.contains("v=v2beta1");
  }

  /** {@code /api}: the core group's versions. */
  public static ObjectNode apiVersions(String serverAddress) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", "APIVersions");
    node.putArray("versions").add("v1");
    ObjectNode address = node.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", serverAddress);
    return node;
  }

  /** {@code /apis}: the named groups. */
  public static ObjectNode apiGroupList(KindRegistry registry) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", "APIGroupList");
    node.put("apiVersion", "v1");
    ArrayNode groups = node.putArray("groups");
    for (Map.Entry<String, List<String>> group : registry.groups().entrySet()) {
      ObjectNode g = groups.addObject();
      g.put("name", group.getKey());
      ArrayNode versions = g.putArray("versions");
      for (String version : group.getValue()) {
        versions
            .addObject()
            .put("groupVersion", group.getKey() + "/" + version)
            .put("version", version);
      }
      g.putObject("preferredVersion")
          .put("groupVersion", group.getKey() + "/" + group.getValue().get(0))
          .put("version", group.getValue().get(0));
    }
    return node;
  }

  /** {@code /api/v1} or {@code /apis/g/v}: the resources of a group version. */
  public static ObjectNode apiResourceList(List<ResourceType> types, String groupVersion) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", "APIResourceList");
    node.put("apiVersion", "v1");
    node.put("groupVersion", groupVersion);
    ArrayNode resources = node.putArray("resources");
    for (ResourceType type : types) {
      ObjectNode r = resources.addObject();
      r.put("name", type.resource());
      r.put("singularName", type.singular());
      r.put("namespaced", type.namespaced());
      r.put("kind", type.kind());
      verbs(r.putArray("verbs"), type);
      if (!type.shortNames().isEmpty()) {
        ArrayNode shortNames = r.putArray("shortNames");
        type.shortNames().forEach(shortNames::add);
      }
      if (!type.categories().isEmpty()) {
        ArrayNode categories = r.putArray("categories");
        type.categories().forEach(categories::add);
      }
      for (String subresource : type.subresources()) {
        ObjectNode sub = resources.addObject();
        sub.put("name", type.resource() + "/" + subresource);
        sub.put("singularName", "");
        sub.put("namespaced", type.namespaced());
        List<String> kind = responseKind(type, subresource);
        if (!kind.get(0).equals(type.group()) || !kind.get(1).equals(type.version())) {
          sub.put("group", kind.get(0)).put("version", kind.get(1));
        }
        sub.put("kind", kind.get(2));
        verbs(subresource).forEach(sub.putArray("verbs")::add);
      }
    }
    return node;
  }

  /** The aggregated discovery list of the core group ({@code core}) or of the named groups. */
  public static ObjectNode aggregated(KindRegistry registry, boolean core) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", "APIGroupDiscoveryList");
    node.put("apiVersion", "apidiscovery.k8s.io/v2");
    node.putObject("metadata");
    ArrayNode items = node.putArray("items");
    if (core) {
      ObjectNode item = items.addObject();
      item.putObject("metadata").putNull("creationTimestamp");
      version(item.putArray("versions"), registry.groupVersion("", "v1"), "v1");
    } else {
      for (Map.Entry<String, List<String>> group : registry.groups().entrySet()) {
        ObjectNode item = items.addObject();
        item.putObject("metadata").put("name", group.getKey()).putNull("creationTimestamp");
        ArrayNode versions = item.putArray("versions");
        for (String version : group.getValue()) {
          version(versions, registry.groupVersion(group.getKey(), version), version);
        }
      }
    }
    return node;
  }

  private static void version(ArrayNode versions, List<ResourceType> types, String version) {
    ObjectNode v = versions.addObject();
    v.put("version", version);
    ArrayNode resources = v.putArray("resources");
    for (ResourceType type : types) {
      ObjectNode r = resources.addObject();
      r.put("resource", type.resource());
      r.putObject("responseKind")
          .put("group", type.group())
          .put("version", type.version())
          .put("kind", type.kind());
      r.put("scope", type.namespaced() ? "Namespaced" : "Cluster");
      r.put("singularResource", type.singular());
      verbs(r.putArray("verbs"), type);
      if (!type.shortNames().isEmpty()) {
        ArrayNode shortNames = r.putArray("shortNames");
        type.shortNames().forEach(shortNames::add);
      }
      if (!type.categories().isEmpty()) {
        ArrayNode categories = r.putArray("categories");
        type.categories().forEach(categories::add);
      }
      if (!type.subresources().isEmpty()) {
        ArrayNode subresources = r.putArray("subresources");
        for (String subresource : type.subresources()) {
          ObjectNode sub = subresources.addObject();
          sub.put("subresource", subresource);
          ObjectNode kind = sub.putObject("responseKind");
          List<String> gvk = responseKind(type, subresource);
          kind.put("group", gvk.get(0)).put("version", gvk.get(1)).put("kind", gvk.get(2));
          verbs(subresource).forEach(sub.putArray("verbs")::add);
        }
      }
    }
    v.put("freshness", "Current");
  }

  private static void verbs(ArrayNode verbs, ResourceType type) {
    new TreeSet<>(type.verbs()).forEach(verbs::add);
  }

  private static List<String> verbs(String subresource) {
    return Subresource.of(subresource).map(Subresource::verbs).orElse(List.of());
  }

  private static List<String> responseKind(ResourceType type, String subresource) {
    return Subresource.of(subresource)
        .map(s -> s.responseKind(type))
        .orElse(List.of(type.group(), type.version(), type.kind()));
  }
}
