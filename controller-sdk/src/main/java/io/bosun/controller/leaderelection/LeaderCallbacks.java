package io.bosun.controller.leaderelection;

/**
 * What a {@link LeaderElector} tells its owner. Every {@link #onStartedLeading()} is followed by
 * exactly one {@link #onStoppedLeading()}, in that order, never two at once. Called on the
 * elector's timer or event-loop threads: return quickly and never block.
 */
public interface LeaderCallbacks {

  /** This candidate holds the Lease: start the work only the leader may do. */
  void onStartedLeading();

  /**
   * This candidate no longer holds the Lease (it could not renew it in time, saw another holder, or
   * was stopped): stop that work at once. The elector goes on as a standby unless it was stopped.
   */
  void onStoppedLeading();
}
