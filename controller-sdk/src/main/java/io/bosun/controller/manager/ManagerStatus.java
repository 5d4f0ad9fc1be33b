package io.bosun.controller.manager;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a {@link Manager}'s health, as its {@code /healthz} and {@code /readyz} report it.
 *
 * @param phase where the manager is in its life
 * @param informers each informer (its kind, and namespace if any) and whether it has synced
 * @param leadership whether this replica leads, stands by, or runs without an election
 * @param leader the Lease's holder when last read; empty without an election or holder
 * @param controllers each controller by name, and whether it runs
 */
public record ManagerStatus(
    Phase phase,
    Map<String, Boolean> informers,
    Leadership leadership,
    Optional<String> leader,
    Map<String, Boolean> controllers) {

  /** Where a manager is in its life. */
  public enum Phase {
    /** Built, not started. */
    NEW,
    /** Waiting for its informers to sync. */
    STARTING,
    /** Synced; its controllers run, or wait for leadership. */
    RUNNING,
    /** Stopping its controllers, then its informers. */
    STOPPING,
    /** Stopped. */
    STOPPED,
    /** Its start failed (its informers did not sync in time); it is stopped. */
    FAILED
  }

  /** This replica's part in the leader election. */
  public enum Leadership {
    /** No election: the controllers run whenever the manager does. */
    NOT_ELECTING,
    /** This replica holds the Lease. */
    LEADER,
    /** Another replica holds the Lease, or none yet: the caches are warm, the controllers wait. */
    STANDBY
  }

  public ManagerStatus {
    Objects.requireNonNull(phase, "phase");
    informers = Map.copyOf(informers);
    Objects.requireNonNull(leadership, "leadership");
    Objects.requireNonNull(leader, "leader");
    controllers = Map.copyOf(controllers);
  }

  /** Whether every informer has synced. */
  public boolean informersSynced() {
    return informers.values().stream().allMatch(Boolean::booleanValue);
  }

  /** Whether every controller runs. */
  public boolean controllersRunning() {
    return controllers.values().stream().allMatch(Boolean::booleanValue);
  }

  /** Whether the process is alive and well: it has not failed to start. */
  public boolean healthy() {
    return phase != Phase.FAILED;
  }

  /**
   * Whether the manager is ready: running with synced informers, and either standing by or with
   * every controller running.
   */
  public boolean ready() {
    return phase == Phase.RUNNING
        && informersSynced()
        && (leadership == Leadership.STANDBY || controllersRunning());
  }
}
