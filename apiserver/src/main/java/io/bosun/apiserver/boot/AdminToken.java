package io.bosun.apiserver.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local admin's bearer token: generated once, kept in {@code <data-dir>/admin-token} (readable
 * by its owner only), and the same on every later start so that a written kubeconfig stays valid.
 */
final class AdminToken {
  /** The token file's name inside the data directory. */
  static final String FILE_NAME = "admin-token";

  private static final int TOKEN_BYTES = 32;

  private AdminToken() {}

  /** Reads the token from {@code dataDir}, creating it on first use. */
  static String loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!token.isEmpty()) {
        return token;
      }
    }
    byte[] bytes = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PrivateFiles.write(file, token + "\n");
    return token;
  }
}
