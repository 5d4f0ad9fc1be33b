package io.bosun.controller.leaderelection.internal;

import io.bosun.controller.client.AlreadyExistsException;
import io.bosun.controller.client.ConflictException;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Test scaffolding for the election's unit tests: one candidate's view of a Lease held in memory
 * ({@link Store}), with the optimistic concurrency of an apiserver (a write at a stale
 * resourceVersion is a conflict) and a switch that makes its requests fail or hang, as a network
 * partition would. The election's integration tests use a real apiserver.
 */
final class InMemoryLeaseLock implements LeaseLock {

  /** The Lease as a server would hold it, shared by the candidates' locks. */
  static final class Store {
    private Lease lease;
    private long resourceVersion;
    private Runnable beforeNextWrite = () -> {};

    synchronized Optional<Lease> read() {
      return Optional.ofNullable(lease).map(InMemoryLeaseLock::copy);
    }

    synchronized LeaseRecord record() {
      return lease == null ? null : LeaseRecord.of(lease.getSpec());
    }

    /** Runs {@code action} just before the next write is applied, as a racing writer would. */
    synchronized void beforeNextWrite(Runnable action) {
      beforeNextWrite = action;
    }

    Lease write(Lease current, LeaseRecord record) {
      Runnable race;
      synchronized (this) {
        race = beforeNextWrite;
        beforeNextWrite = () -> {};
      }
      race.run();
      synchronized (this) {
        String expected = current == null ? null : current.getMetadata().getResourceVersion();
        if (current == null && lease != null) {
          throw new AlreadyExistsException(status(409, "AlreadyExists"));
        }
        if (current != null && !lease.getMetadata().getResourceVersion().equals(expected)) {
          throw new ConflictException(status(409, "Conflict"));
        }
        Lease next = new Lease();
        next.setMetadata(
            new ObjectMetaBuilder()
                .withNamespace("ns")
                .withName("lease")
                .withResourceVersion(String.valueOf(++resourceVersion))
                .build());
        next.setSpec(record.toSpec());
        lease = next;
        return copy(next);
      }
    }
  }

  enum Mode {
    UP,
    FAILING,
    HANGING
  }

  private final Store store;
  private volatile Mode mode = Mode.UP;

  InMemoryLeaseLock(Store store) {
    this.store = store;
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  @Override
  public Uni<Optional<Lease>> get() {
    return reach().map(unused -> store.read());
  }

  @Override
  public Uni<Lease> create(LeaseRecord record) {
    return reach().map(unused -> store.write(null, record));
  }

  @Override
  public Uni<Lease> update(Lease current, LeaseRecord record) {
    return reach().map(unused -> store.write(current, record));
  }

  @Override
  public String describe() {
    return "ns/lease";
  }

  private Uni<Void> reach() {
    return switch (mode) {
      case UP -> Uni.createFrom().voidItem();
      case FAILING -> Uni.createFrom().failure(new IllegalStateException("unreachable"));
      case HANGING -> Uni.createFrom().nothing();
    };
  }

  private static Status status(int code, String reason) {
    return new StatusBuilder().withCode(code).withReason(reason).build();
  }

  private static Lease copy(Lease lease) {
    Lease copy = new Lease();
    copy.setMetadata(new ObjectMetaBuilder(lease.getMetadata()).build());
    copy.setSpec(LeaseRecord.of(lease.getSpec()).toSpec());
    return copy;
  }
}
