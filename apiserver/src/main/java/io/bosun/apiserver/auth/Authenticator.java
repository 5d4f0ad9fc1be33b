package io.bosun.apiserver.auth;

import java.util.Optional;

/** Finds out who sent a request from its credentials. */
@FunctionalInterface
public interface Authenticator {

  /**
   * Returns the user an {@code Authorization} header authenticates, or empty when it is missing or
   * not valid.
   */
  Optional<UserInfo> authenticate(String authorizationHeader);

  /** Authenticates {@code Bearer <token>} as {@code user}; nothing else. */
  static Authenticator staticToken(String token, UserInfo user) {
    return new StaticTokenAuthenticator(token, user);
  }
}
