package io.bosun.apiserver.wiring;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Removes the context-propagation decorator that quarkus-mutiny installs into Mutiny. It wraps
 * every lambda handed to a {@code Uni} or {@code Multi} operator and saves and restores the
 * captured thread contexts around each call: in a watch fan-out that was a tenth of the event
 * loops' time. Bosun keeps no request state in thread locals (endpoints take the request as
 * parameters; no bean is request-scoped), so there is nothing for it to carry (decision 0017).
 */
@ApplicationScoped
public class MutinyCallbacks {
  void plain(@Observes @Priority(1) StartupEvent event) {
    Infrastructure.clearInterceptors();
  }
}
