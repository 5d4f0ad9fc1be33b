package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides where Kubernetes reports a per-version field of a definition: when every version sets it
 * to the same value, its internal form holds it once at the top of {@code spec}, and so do its
 * error paths.
 */
final class VersionPaths {
  private VersionPaths() {}

  /** Returns whether every version sets {@code field} to one identical, non-empty value. */
  static boolean shared(JsonNode versions, String field) {
    if (versions.size() == 0) {
      return false;
    }
    JsonNode first = versions.get(0).get(field);
    for (JsonNode version : versions) {
      JsonNode value = version.get(field);
      if (value == null || value.isNull() || value.isEmpty() || !value.equals(first)) {
        return false;
      }
    }
    return true;
  }
}
