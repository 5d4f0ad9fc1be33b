package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque token of the next list page: the version the list is read at and the last key
 * returned. Encoded as base64url of {@code rv/namespace/name} (names cannot contain '/').
 */
record ContinueToken(long rv, String namespace, String name) {

  String encode() {
    String raw = rv + "/" + namespace + "/" + name;
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
      int first = raw.indexOf('/');
      int second = raw.indexOf('/', first + 1);
      if (first < 0 || second < 0) {
        throw new IllegalArgumentException("malformed continue token");
      }
      long rv = Long.parseLong(raw.substring(0, first));
      if (rv < 1) {
        throw new IllegalArgumentException("malformed continue token");
      }
      return new ContinueToken(rv, raw.substring(first + 1, second), raw.substring(second + 1));
    } catch (IllegalArgumentException e) {
      throw new StorageException.Invalid("continue key is not valid: " + e.getMessage(), e);
    }
  }
}
