package io.bosun.controller.client.internal;

import io.bosun.controller.client.ResourceDescriptor;
import io.fabric8.kubernetes.api.model.ListOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The REST paths and query parameters of a kind: {@code /api/v1/...} for the core group, {@code
 * /apis/<group>/<version>/...} for the others, with {@code namespaces/<ns>/} for namespaced ones.
 */
final class Paths {
  private final ResourceDescriptor<?> descriptor;
  private final String root;

  Paths(ResourceDescriptor<?> descriptor) {
    this.descriptor = descriptor;
    this.root =
        descriptor.group().isEmpty()
            ? "/api/" + descriptor.version()
            : "/apis/" + descriptor.group() + "/" + descriptor.version();
  }

  /** The collection: in one namespace, or across all of them for {@code null}. */
  String collection(String namespace) {
    checkScope(namespace, false);
    return namespace == null
        ? root + "/" + descriptor.plural()
        : root + "/namespaces/" + segment(namespace) + "/" + descriptor.plural();
  }

  /** One object, or one of its subresources when {@code subresource} is not null. */
  String object(String namespace, String name, String subresource) {
    checkScope(namespace, true);
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name is required");
    }
    String base =
        descriptor.namespaced()
            ? root + "/namespaces/" + segment(namespace) + "/" + descriptor.plural()
            : root + "/" + descriptor.plural();
    return base + "/" + segment(name) + (subresource == null ? "" : "/" + subresource);
  }

  private void checkScope(String namespace, boolean one) {
    if (descriptor.namespaced()) {
      if (namespace != null && namespace.isEmpty() || one && namespace == null) {
        throw new IllegalArgumentException(
            descriptor.kind()
                + " is namespaced: give a namespace"
                + (one ? "" : " or null for all"));
      }
    } else if (namespace != null && !namespace.isEmpty()) {
      throw new IllegalArgumentException(
          descriptor.kind() + " is cluster-scoped: the namespace must be null, not " + namespace);
    }
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The query of a list or, with {@code watch}, of a watch. */
  static List<Map.Entry<String, String>> listQuery(ListOptions options, boolean watch) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    if (watch) {
      query.add(Map.entry("watch", "true"));
    }
    add(query, "labelSelector", options.getLabelSelector());
    add(query, "fieldSelector", options.getFieldSelector());
    add(query, "resourceVersion", options.getResourceVersion());
    add(query, "resourceVersionMatch", options.getResourceVersionMatch());
    if (options.getLimit() != null && options.getLimit() > 0 && !watch) {
      query.add(Map.entry("limit", options.getLimit().toString()));
    }
    if (!watch) {
      add(query, "continue", options.getContinue());
    }
    if (watch && Boolean.TRUE.equals(options.getAllowWatchBookmarks())) {
      query.add(Map.entry("allowWatchBookmarks", "true"));
    }
    if (watch && Boolean.TRUE.equals(options.getSendInitialEvents())) {
      query.add(Map.entry("sendInitialEvents", "true"));
    }
    if (options.getTimeoutSeconds() != null && options.getTimeoutSeconds() > 0) {
      query.add(Map.entry("timeoutSeconds", options.getTimeoutSeconds().toString()));
    }
    return query;
  }

  /** The query of a write: {@code dryRun}, {@code fieldManager}, {@code fieldValidation}, force. */
  static List<Map.Entry<String, String>> writeQuery(
      List<String> dryRun, String fieldManager, String fieldValidation, Boolean force) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    if (dryRun != null) {
      dryRun.forEach(value -> query.add(Map.entry("dryRun", value)));
    }
    add(query, "fieldManager", fieldManager);
    add(query, "fieldValidation", fieldValidation);
    if (Boolean.TRUE.equals(force)) {
      query.add(Map.entry("force", "true"));
    }
    return query;
  }

  private static void add(List<Map.Entry<String, String>> query, String name, String value) {
    if (value != null && !value.isEmpty()) {
      query.add(Map.entry(name, value));
    }
  }
}
