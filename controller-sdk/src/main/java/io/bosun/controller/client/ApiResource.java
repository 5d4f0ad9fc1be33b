package io.bosun.controller.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One resource a server serves, as its discovery documents describe it ({@code /api/v1}, {@code
 * /apis/<group>/<version>}): enough to list, watch or delete its objects without a Java class.
 *
 * @param group the API group, {@code ""} for the core group
 * @param version the version served (the group's preferred one)
 * @param kind the kind, such as {@code Deployment}
 * @param plural the resource name in URLs, such as {@code deployments}
 * @param namespaced whether its objects live in namespaces
 * @param verbs the verbs it supports, such as {@code list} and {@code delete}
 */
public record ApiResource(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    List<String> verbs) {

  public ApiResource {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
    verbs = List.copyOf(verbs);
  }

  /** {@code group/version}, or the version alone for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Whether the resource supports {@code verb}. */
  public boolean supports(String verb) {
    return verbs.contains(verb);
  }

  /** The descriptor that reads its objects as JSON trees. */
  public ResourceDescriptor<ObjectNode> descriptor() {
    return ResourceDescriptor.untyped(apiVersion(), kind, plural, namespaced);
  }
}
