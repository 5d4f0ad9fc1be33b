package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.VersionPriority;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' default warning for a deprecated custom resource version. */
final class DeprecationWarnings {
  private DeprecationWarnings() {}

  /**
   * {@code <group>/<version> <Kind> is deprecated}, followed by {@code ; use <group>/<newer>
   * <Kind>} when a newer served version that is not deprecated exists.
   */
  static String defaultWarning(String group, String kind, String version, JsonNode versions) {
    String warning = group + "/" + version + " " + kind + " is deprecated";
    List<String> newer = new ArrayList<>();
    for (JsonNode v : versions) {
      String name = v.path("name").asText("");
      if (v.path("served").asBoolean(false)
          && !v.path("deprecated").asBoolean(false)
          && VersionPriority.compare(version, name) > 0) {
        newer.add(name);
      }
    }
    if (newer.isEmpty()) {
      return warning;
    }
    newer.sort(VersionPriority.ORDER);
    return warning + "; use " + group + "/" + newer.get(0) + " " + kind;
  }
}
