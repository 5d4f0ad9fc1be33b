package io.bosun.agent.image;

import java.util.Objects;

/**
 * A container image reference split the way Docker normalizes it: {@code busybox}, {@code
 * busybox:1.36}, {@code docker.io/library/busybox} and {@code index.docker.io/busybox} all name
 * repository {@code busybox} on Docker Hub. The <em>familiar</em> name drops Docker Hub's domain
 * and its {@code library/} namespace, as {@code docker} prints it.
 *
 * @param domain the registry host, {@code docker.io} when the reference names none
 * @param path the repository path on that registry ({@code library/busybox} on Docker Hub)
 * @param tag the tag, or {@code null} when the reference has none (Docker then means {@code
 *     latest})
 * @param digest the digest after {@code @}, or {@code null}
 */
public record ImageReference(String domain, String path, String tag, String digest) {
  /** Docker Hub's canonical domain. */
  public static final String DOCKER_HUB = "docker.io";

  /** Checks the parts. */
  public ImageReference {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(path, "path");
  }

  /**
   * Parses an image reference.
   *
   * @throws IllegalArgumentException if {@code image} is blank or malformed
   */
  public static ImageReference parse(String image) {
    Objects.requireNonNull(image, "image");
    String rest = image.trim();
    if (rest.isEmpty() || rest.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("invalid image reference: \"" + image + "\"");
    }
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String domain = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        domain = first.equals("index.docker.io") ? DOCKER_HUB : first;
        rest = rest.substring(slash + 1);
      }
    }
    if (rest.isEmpty() || (tag != null && tag.isEmpty()) || (digest != null && digest.isEmpty())) {
      throw new IllegalArgumentException("invalid image reference: \"" + image + "\"");
    }
    if (domain.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    return new ImageReference(domain, rest.toLowerCase(java.util.Locale.ROOT), tag, digest);
  }

  /** The repository as {@code docker} prints it: {@code busybox}, {@code ghcr.io/org/tool}. */
  public String familiarName() {
    if (domain.equals(DOCKER_HUB)) {
      return path.startsWith("library/") ? path.substring("library/".length()) : path;
    }
    return domain + "/" + path;
  }
}
