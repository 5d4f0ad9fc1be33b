package io.bosun.controller.client.internal;

import io.bosun.controller.config.ClusterConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The Authorization header for a configuration: a fixed bearer token, a token file (re-read every
 * minute, as client-go does, since service-account tokens rotate), or basic credentials.
 */
final class Credentials {
  private static final long TOKEN_FILE_REREAD_NANOS = Duration.ofMinutes(1).toNanos();

  private final ClusterConfig config;
  private volatile String fileToken;
  private volatile long fileReadAt;

  Credentials(ClusterConfig config) {
    this.config = config;
  }

  Optional<String> header() {
    if (config.bearerToken().isPresent()) {
      return Optional.of("Bearer " + config.bearerToken().get());
    }
    if (config.bearerTokenFile().isPresent()) {
      return Optional.of("Bearer " + tokenFrom(config.bearerTokenFile().get()));
    }
    if (config.username().isPresent()) {
      String pair = config.username().get() + ":" + config.password().orElse("");
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  private String tokenFrom(Path file) {
    long now = System.nanoTime();
    String token = fileToken;
    if (token == null || now - fileReadAt > TOKEN_FILE_REREAD_NANOS) {
      try {
        token = Files.readString(file, StandardCharsets.UTF_8).trim();
        fileToken = token;
        fileReadAt = now;
      } catch (IOException e) {
        if (token == null) {
          throw new IllegalArgumentException(
              "cannot read the bearer token file " + file + ": " + e);
        }
        // Keep the last token; the file may be mid-rotation.
      }
    }
    return token;
  }
}
