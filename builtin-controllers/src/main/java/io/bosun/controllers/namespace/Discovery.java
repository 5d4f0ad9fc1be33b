package io.bosun.controllers.namespace;

import io.bosun.controller.client.ApiResource;
import io.bosun.controller.client.KubeClient;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The server's resources, read through discovery at most every {@link #TTL}: a namespace being
 * emptied is looked at again every second or so, and the list of kinds rarely changes.
 */
final class Discovery {
  /** How long a discovery answer is reused: 30 seconds. */
  static final Duration TTL = Duration.ofSeconds(30);

  private record Cached(List<ApiResource> resources, Instant at) {}

  private final KubeClient client;
  private final Clock clock;
  private volatile Cached cached;

  Discovery(KubeClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  Uni<List<ApiResource>> resources() {
    Cached current = cached;
    Instant now = clock.instant();
    if (current != null && current.at().plus(TTL).isAfter(now)) {
      return Uni.createFrom().item(current.resources());
    }
    return client.serverResources().invoke(resources -> cached = new Cached(resources, now));
  }
}
