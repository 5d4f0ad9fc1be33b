package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque token of the next list page: the version the list is read at, the last key returned,
 * and, for a list without selectors, how many objects follow it at that version. Pages are read at
 * one version, so that count only goes down by the items of each page: it is counted once, on the
 * first page, instead of again on every page. Encoded as base64url of {@code
 * rv/namespace/name[/remaining]} (names cannot contain '/').
 *
 * @param remaining objects after this key at {@code rv}, or null when not counted
 */
record ContinueToken(long rv, String namespace, String name, Long remaining) {

  String encode() {
    String raw = rv + "/" + namespace + "/" + name + (remaining == null ? "" : "/" + remaining);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a token.
   *
   * @throws StorageException.Invalid when the token is not one of ours
   */
  static ContinueToken decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split("/", -1);
      if (parts.length != 3 && parts.length != 4) {
        throw new IllegalArgumentException("malformed continue token");
      }
      long rv = Long.parseLong(parts[0]);
      Long remaining = parts.length == 4 ? Long.valueOf(parts[3]) : null;
      if (rv < 1 || remaining != null && remaining < 0) {
        throw new IllegalArgumentException("malformed continue token");
      }
      return new ContinueToken(rv, parts[1], parts[2], remaining);
    } catch (IllegalArgumentException e) {
      throw new StorageException.Invalid("continue key is not valid: " + e.getMessage(), e);
    }
  }
}
