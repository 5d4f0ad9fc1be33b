package io.bosun.agent.pod;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes a pod's address out of this node's traffic before its containers are told to stop. A
 * kubelet kills a deleted pod's containers while kube-proxies are still learning from its
 * EndpointSlices that it is leaving, so a connection can reach a process that is exiting. The
 * agent's own service proxy is in the same process and can be told first.
 */
public interface PodDrain {
  /** Drains nothing. */
  PodDrain NONE =
      new PodDrain() {
        @Override
        public CompletionStage<Void> draining(String podIP) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public void gone(String podIP) {}
      };

  /**
   * The pod at {@code podIP} is about to stop: send it no new connections while others can take
   * them. Completes once that is in force; must not block.
   */
  CompletionStage<Void> draining(String podIP);

  /** The pod at {@code podIP} is gone; its address may go to another pod. */
  void gone(String podIP);
}
