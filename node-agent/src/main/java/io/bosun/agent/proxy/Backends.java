package io.bosun.agent.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of one Service port and how the next connection picks one: round-robin, or with
 * ClientIP affinity the endpoint the client last used, while it was used within the affinity
 * timeout (kube-proxy's rule). Used on the proxy's one event loop only.
 */
final class Backends {
  private final Clock clock;
  private final Map<String, Sticky> sticky = new HashMap<>();
  private List<Backend> backends = List.of();
  private Duration affinity;
  private int next;

  private static final class Sticky {
    final Backend backend;
    Instant lastUsed;

    Sticky(Backend backend, Instant lastUsed) {
      this.backend = backend;
      this.lastUsed = lastUsed;
    }
  }

  Backends(Clock clock) {
    this.clock = clock;
  }

  /**
   * Replaces the endpoints and the affinity ({@code null} for none). A client whose endpoint is
   * gone picks anew; one whose endpoint stays keeps it.
   */
  void update(List<Backend> backends, Duration affinity) {
    this.backends = List.copyOf(backends);
    if (affinity == null) {
      sticky.clear();
    } else {
      sticky.values().removeIf(s -> !this.backends.contains(s.backend));
    }
    this.affinity = affinity;
  }

  boolean isEmpty() {
    return backends.isEmpty();
  }

  List<Backend> all() {
    return backends;
  }

  /** The endpoint for a new connection from {@code clientIp}; null when there is none. */
  Backend pick(String clientIp) {
    if (backends.isEmpty()) {
      return null;
    }
    Instant now = clock.instant();
    if (affinity != null) {
      Sticky previous = sticky.get(clientIp);
      if (previous != null && !previous.lastUsed.plus(affinity).isBefore(now)) {
        previous.lastUsed = now;
        return previous.backend;
      }
    }
    Backend chosen = backends.get(Math.floorMod(next++, backends.size()));
    if (affinity != null) {
      if (sticky.size() > 10_000) {
        sticky.values().removeIf(s -> s.lastUsed.plus(affinity).isBefore(now));
      }
      sticky.put(clientIp, new Sticky(chosen, now));
    }
    return chosen;
  }

  /** Forgets a client's endpoint, after it could not be reached. */
  void unstick(String clientIp) {
    sticky.remove(clientIp);
  }
}
