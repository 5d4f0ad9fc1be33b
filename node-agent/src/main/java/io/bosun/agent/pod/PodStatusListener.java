package io.bosun.agent.pod;

/**
 * Receives what the pod runtime has to say to the apiserver: status changes and events. Calls for
 * one pod come one at a time, in order; calls for different pods may come at once. An
 * implementation must not block: it hands the write to its own client.
 */
public interface PodStatusListener {
  /** Ignores everything. */
  PodStatusListener NONE =
      new PodStatusListener() {
        @Override
        public void onStatus(PodStatusUpdate update) {}
      };

  /** A pod's status changed. */
  void onStatus(PodStatusUpdate update);

  /** Something happened to a pod. Defaults to ignoring it. */
  default void onEvent(PodEvent event) {}
}
