package io.bosun.apiserver.patch;

import java.util.Optional;

/** The patch content types Kubernetes accepts, by their media type. */
public enum PatchType {
  JSON("application/json-patch+json"),
  MERGE("application/merge-patch+json"),
  STRATEGIC_MERGE("application/strategic-merge-patch+json"),
  /** Server-side apply: the body is a configuration (YAML or JSON) merged with field ownership. */
  APPLY("application/apply-patch+yaml");

  private final String mediaType;

  PatchType(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** Finds the patch type of a Content-Type header (parameters ignored). */
  public static Optional<PatchType> of(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String bare = contentType.split(";", 2)[0].trim();
    for (PatchType type : values()) {
      if (type.mediaType.equalsIgnoreCase(bare)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
