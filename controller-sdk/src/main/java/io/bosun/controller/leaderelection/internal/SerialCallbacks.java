package io.bosun.controller.leaderelection.internal;

import io.bosun.controller.leaderelection.LeaderCallbacks;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs leadership callbacks one at a time, in the order they were added. Transitions are added
 * under the elector's lock and run after it is released, so callbacks may call back into it.
 */
final class SerialCallbacks {
  private static final Logger LOG = Logger.getLogger(SerialCallbacks.class);

  private final LeaderCallbacks target;
  private final String lease;
  private final Queue<Boolean> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger draining = new AtomicInteger();

  SerialCallbacks(LeaderCallbacks target, String lease) {
    this.target = target;
    this.lease = lease;
  }

  /** Queues a transition: started leading if {@code started}, stopped leading otherwise. */
  void add(boolean started) {
    pending.add(started);
  }

  /** Runs the queued transitions, unless another thread is running them already. */
  void drain() {
    if (draining.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      Boolean started;
      while ((started = pending.poll()) != null) {
        run(started);
      }
      missed = draining.addAndGet(-missed);
    } while (missed != 0);
  }

  private void run(boolean started) {
    try {
      if (started) {
        target.onStartedLeading();
      } else {
        target.onStoppedLeading();
      }
    } catch (RuntimeException e) {
      // The election goes on whatever a callback does; this is the one report of its failure.
      LOG.errorf(e, "Lease %s: a leadership callback threw", lease);
    }
  }
}
