package io.bosun.apiserver.wiring;

import io.bosun.apiserver.auth.AccessReviews;
import io.bosun.apiserver.auth.Authenticator;
import io.bosun.apiserver.auth.Authorizer;
import io.bosun.apiserver.auth.UserInfo;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the apiserver's collaborators; the one place that chooses implementations. */
@Singleton
public class ApiServerProducers {

  /** The user the admin token authenticates, a member of system:masters as in Kubernetes. */
  public static final UserInfo ADMIN =
      new UserInfo("admin", List.of("system:masters", "system:authenticated"));

  @Produces
  @Singleton
  KindRegistry registry() {
    return KindRegistry.builtin();
  }

  @Produces
  @Singleton
  GenericStore store(StorageLifecycle lifecycle) {
    return lifecycle.store();
  }

  @Produces
  @Singleton
  Authenticator authenticator(@ConfigProperty(name = "bosun.admin-token") String adminToken) {
    return Authenticator.staticToken(adminToken, ADMIN);
  }

  @Produces
  @Singleton
  Authorizer authorizer() {
    return Authorizer.ALLOW_ALL;
  }

  @Produces
  @Singleton
  AccessReviews accessReviews(Authenticator authenticator, Authorizer authorizer) {
    return new AccessReviews(authenticator, authorizer);
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
