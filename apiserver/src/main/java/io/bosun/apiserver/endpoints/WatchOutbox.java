package io.bosun.apiserver.endpoints;

import io.netty.util.internal.PlatformDependent;
import io.vertx.core.Context;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * What the watch feed hands to the watches served by one event loop, run there in order. The feed
 * gives one change to a thousand watches in a row from its own thread; a task per event meant a
 * thousand tasks per change, and the event loop ran them as they trickled in, each connection
 * flushing several times per change. One task now runs everything that has arrived, so each
 * connection's share of a change leaves in one flush.
 */
final class WatchOutbox {
  private static final Logger LOG = Logger.getLogger(WatchOutbox.class);

  private final Context context;
  private final Queue<Runnable> queue = PlatformDependent.newMpscQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** An outbox that runs its tasks on {@code context}'s event loop. */
  WatchOutbox(Context context) {
    this.context = context;
  }

  /** Runs {@code task} on the context after every task handed over before it. From any thread. */
  void execute(Runnable task) {
    queue.add(task);
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  private void drain() {
    // Cleared first: a task added from here on either is seen below or schedules another drain.
    scheduled.set(false);
    Runnable task;
    while ((task = queue.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        // One watch's bug must not strand the tasks of the others behind it.
        LOG.errorf(e, "a watch task failed");
      }
    }
  }
}
