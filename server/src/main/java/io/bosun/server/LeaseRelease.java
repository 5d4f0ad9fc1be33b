package io.bosun.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Releases a Lease this process holds by writing it to its own storage, as the leader election's
 * release does over HTTPS (holder emptied, duration 1 s, times now). A stopping {@code bosun
 * server} needs it: Quarkus closes the HTTPS listener before the controllers' shutdown runs, while
 * storage is still open, and a Lease left held makes the next start wait for it to expire.
 */
final class LeaseRelease {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private LeaseRelease() {}

  /** Empties the holder of {@code namespace/name} if it is {@code identity}; true if it was. */
  static boolean release(
      GenericStore store,
      KindRegistry registry,
      Clock clock,
      String namespace,
      String name,
      String identity) {
    ResourceType leases = registry.find("coordination.k8s.io", "v1", "leases").orElseThrow();
    boolean[] released = {false};
    try {
      store
          .patch(
              leases,
              namespace,
              name,
              lease -> {
                ObjectNode spec =
                    lease.get("spec") instanceof ObjectNode s ? s : lease.putObject("spec");
                released[0] = identity.equals(spec.path("holderIdentity").asText());
                if (released[0]) {
                  String now = MICRO_TIME.format(clock.instant());
                  spec.put("holderIdentity", "");
                  spec.put("leaseDurationSeconds", 1);
                  spec.put("acquireTime", now);
                  spec.put("renewTime", now);
                }
                return lease;
              })
          .await()
          .atMost(WAIT);
    } catch (StorageException.NotFound e) {
      return false;
    }
    return released[0];
  }
}
