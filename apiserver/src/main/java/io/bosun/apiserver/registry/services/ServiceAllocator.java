package io.bosun.apiserver.registry.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives Services their ClusterIP and node ports. Each address in use is a storage object named by
 * the address and recording its Service, so two writers can never take one address: the create of
 * that object decides. Addresses are never released eagerly; an address whose Service is gone or no
 * longer uses it is stale and the next writer who wants it takes it over (after a grace period that
 * covers a Service still being written).
 */
public final class ServiceAllocator {
  static final String IPS = "bosun.serviceips";
  static final String PORTS = "bosun.nodeports";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration WRITE_GRACE = Duration.ofSeconds(30);
  private static final int RANDOM_TRIES = 64;

  private final Storage storage;
  private final ServiceNetwork network;
  private final Clock clock;

  public ServiceAllocator(Storage storage, ServiceNetwork network, Clock clock) {
    this.storage = storage;
    this.network = network;
    this.clock = clock;
  }

  public ServiceNetwork network() {
    return network;
  }

  /**
   * Fills the addresses of {@code service} (its previous version {@code old}, or null on create):
   * keeps what the old one had, reserves what the new one names, allocates what it leaves empty.
   * Fails with 422 when a named address is out of range or taken.
   */
  public Uni<Void> allocate(ObjectNode service, ObjectNode old) {
    ServiceAddresses addresses = ServiceAddresses.plan(service, old, network);
    Owner owner = Owner.of(service);
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String ip : addresses.namedIps()) {
      chain = chain.flatMap(v -> reserve(IPS, ip, owner, "spec.clusterIPs", true));
    }
    for (ServiceAddresses.NamedPort port : addresses.namedPorts()) {
      chain =
          chain.flatMap(
              v -> reserve(PORTS, String.valueOf(port.port()), owner, port.field(), false));
    }
    if (addresses.needsIp()) {
      chain = chain.flatMap(v -> any(IPS, owner, 0)).invoke(addresses::setIp).replaceWithVoid();
    }
    for (ObjectNode port : addresses.portsNeedingNodePort()) {
      chain =
          chain
              .flatMap(v -> any(PORTS, owner, 0))
              .invoke(value -> port.put("nodePort", Integer.parseInt(value)))
              .replaceWithVoid();
    }
    return chain;
  }

  /** Frees the addresses a deleted Service held (those still recorded as its own). */
  public Uni<Void> release(ObjectNode service) {
    Owner owner = Owner.of(service);
    List<ObjectKey> keys = new java.util.ArrayList<>();
    String ip = service.path("spec").path("clusterIP").asText("");
    if (!ip.isEmpty() && !ip.equals("None")) {
      keys.add(ObjectKey.cluster(IPS, ip));
    }
    for (JsonNode port : service.path("spec").path("ports")) {
      if (port.path("nodePort").asInt(0) > 0) {
        keys.add(ObjectKey.cluster(PORTS, port.path("nodePort").asText()));
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ObjectKey key : keys) {
      chain =
          chain.flatMap(
              v ->
                  storage
                      .get(key)
                      .flatMap(
                          held ->
                              owner.sameAs(read(held.json()))
                                  ? storage
                                      .delete(
                                          key,
                                          Preconditions.resourceVersion(held.resourceVersion()))
                                      .replaceWithVoid()
                                  : Uni.createFrom().voidItem())
                      // Taken over or freed by someone else meanwhile: nothing to free.
                      .onFailure(
                          e ->
                              e instanceof StorageException.NotFound
                                  || e instanceof StorageException.Conflict)
                      .recoverWithNull()
                      .replaceWithVoid());
    }
    return chain;
  }

  /** Reserves a named address; 422 with Kubernetes' message when it cannot be had. */
  private Uni<Void> reserve(String kind, String value, Owner owner, String field, boolean ip) {
    return take(kind, value, owner)
        .map(
            taken -> {
              if (!taken) {
                throw ServiceNetwork.invalid(
                    owner.name(),
                    field,
                    ip ? List.of(value) : Integer.parseInt(value),
                    ip
                        ? "failed to allocate IP " + value + ": provided IP is already allocated"
                        : "provided port is already allocated");
              }
              return null;
            });
  }

  /** Takes a free address at random, trying again on collisions. */
  private Uni<String> any(String kind, Owner owner, int tries) {
    if (tries >= RANDOM_TRIES) {
      return Uni.createFrom()
          .failure(
              io.bosun.core.api.Status.internalError(
                      kind.equals(IPS)
                          ? "failed to allocate a serviceIP: range is full"
                          : "failed to allocate a nodePort: range is full")
                  .asException());
    }
    String value = kind.equals(IPS) ? randomIp() : String.valueOf(randomPort());
    return take(kind, value, owner)
        .flatMap(taken -> taken ? Uni.createFrom().item(value) : any(kind, owner, tries + 1));
  }

  private String randomIp() {
    // The first address belongs to the kubernetes Service; it is only ever named.
    long size = network.size();
    return network.address(size <= 1 ? 0 : 1 + ThreadLocalRandom.current().nextLong(size - 1));
  }

  private int randomPort() {
    return ThreadLocalRandom.current().nextInt(network.firstPort(), network.lastPort() + 1);
  }

  /** Creates the address's object, or takes over a stale one; false when someone holds it. */
  private Uni<Boolean> take(String kind, String value, Owner owner) {
    ObjectKey key = ObjectKey.cluster(kind, value);
    return storage
        .create(key, owner.document(value, clock.instant()))
        .map(created -> true)
        .onFailure(StorageException.AlreadyExists.class)
        .recoverWithUni(() -> storage.get(key).flatMap(held -> takeOver(kind, value, held, owner)))
        .onFailure(StorageException.Conflict.class)
        .recoverWithItem(false);
  }

  private Uni<Boolean> takeOver(String kind, String value, StoredObject held, Owner owner) {
    JsonNode holder = read(held.json());
    if (owner.sameAs(holder)) {
      return Uni.createFrom().item(true);
    }
    Instant reserved = Instant.parse(holder.path("reservedAt").asText("1970-01-01T00:00:00Z"));
    if (reserved.plus(WRITE_GRACE).isAfter(clock.instant())) {
      return Uni.createFrom().item(false);
    }
    ObjectKey service =
        new ObjectKey(
            "services",
            holder.path("service").path("namespace").asText(),
            holder.path("service").path("name").asText());
    return storage
        .get(service)
        .map(s -> ServiceAddresses.uses(read(s.json()), kind.equals(IPS), value))
        .onFailure(StorageException.NotFound.class)
        .recoverWithItem(false)
        .flatMap(
            inUse -> {
              if (inUse) {
                return Uni.createFrom().item(false);
              }
              String document = owner.document(value, clock.instant());
              return storage
                  .guaranteedUpdate(
                      held.key(),
                      Preconditions.resourceVersion(held.resourceVersion()),
                      current -> document)
                  .map(updated -> true);
            });
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The Service an address is reserved for. */
  private record Owner(String namespace, String name) {
    static Owner of(ObjectNode service) {
      JsonNode metadata = service.path("metadata");
      return new Owner(metadata.path("namespace").asText(""), metadata.path("name").asText(""));
    }

    boolean sameAs(JsonNode holder) {
      return namespace.equals(holder.path("service").path("namespace").asText())
          && name.equals(holder.path("service").path("name").asText());
    }

    String document(String value, Instant now) {
      ObjectNode doc = MAPPER.createObjectNode();
      doc.putObject("metadata").put("name", value);
      doc.putObject("service").put("namespace", namespace).put("name", name);
      return doc.put("reservedAt", now.toString()).toString();
    }
  }
}
