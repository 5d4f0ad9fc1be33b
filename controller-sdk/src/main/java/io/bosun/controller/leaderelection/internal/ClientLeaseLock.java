package io.bosun.controller.leaderelection.internal;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** The Lease on an apiserver, through the SDK's client; updates carry the resourceVersion read. */
public final class ClientLeaseLock implements LeaseLock {
  private final ResourceClient<Lease> leases;
  private final String namespace;
  private final String name;

  public ClientLeaseLock(KubeClient client, String namespace, String name) {
    this.leases = client.resources(Lease.class);
    this.namespace = namespace;
    this.name = name;
  }

  @Override
  public Uni<Optional<Lease>> get() {
    return leases
        .get(namespace, name)
        .map(Optional::of)
        .onFailure(NotFoundException.class)
        .recoverWithItem(Optional.empty());
  }

  @Override
  public Uni<Lease> create(LeaseRecord record) {
    Lease lease = new Lease();
    lease.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    lease.setSpec(record.toSpec());
    return leases.create(lease);
  }

  @Override
  public Uni<Lease> update(Lease current, LeaseRecord record) {
    Lease next = new Lease();
    next.setMetadata(current.getMetadata());
    // Fields the election does not own (strategy, preferredHolder) are kept as they are.
    next.setSpec(record.writeTo(current.getSpec() != null ? current.getSpec() : new LeaseSpec()));
    return leases.update(next);
  }

  @Override
  public String describe() {
    return namespace + "/" + name;
  }
}
