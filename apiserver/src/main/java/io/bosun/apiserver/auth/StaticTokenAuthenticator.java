package io.bosun.apiserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/** Authenticates one bearer token, compared in constant time. */
final class StaticTokenAuthenticator implements Authenticator {
  private static final String BEARER = "Bearer ";
  private final byte[] token;
  private final UserInfo user;

  StaticTokenAuthenticator(String token, UserInfo user) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.user = Objects.requireNonNull(user, "user");
  }

  @Override
  public Optional<UserInfo> authenticate(String header) {
    if (header == null
        || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    byte[] offered = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, offered) ? Optional.of(user) : Optional.empty();
  }
}
