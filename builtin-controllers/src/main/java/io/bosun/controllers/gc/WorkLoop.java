package io.bosun.controllers.gc;

import io.bosun.controller.queue.Item;
import io.bosun.controller.queue.Priority;
import io.bosun.controller.queue.RateLimiter;
import io.bosun.controller.queue.RetryOptions;
import io.bosun.controller.queue.Scheduler;
import io.bosun.controller.queue.WorkQueue;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Works through a queue of uids with a fixed number of items in flight: each is processed as a
 * {@code Uni<Boolean>} that answers whether to look again later; a failure or a "look again" is
 * requeued with per-item back-off. The garbage collector's items are objects of any kind, which the
 * SDK's controllers (one primary kind, namespace/name requests) do not fit.
 */
final class WorkLoop {
  private static final Logger LOG = Logger.getLogger(WorkLoop.class);

  private final String name;
  private final int workers;
  private final Function<String, Uni<Boolean>> process;
  private final WorkQueue<String> queue;
  private final Executor executor;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger missed = new AtomicInteger();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private volatile boolean running;
  private volatile boolean stopped;

  WorkLoop(
      String name,
      int workers,
      Function<String, Uni<Boolean>> process,
      Scheduler scheduler,
      Executor executor) {
    this.executor = executor;
    this.name = name;
    this.workers = workers;
    this.process = process;
    this.queue =
        WorkQueue.create(
            scheduler,
            RateLimiter.forRetries(RetryOptions.DEFAULTS, scheduler.clock()),
            this::dispatch);
  }

  void add(String uid) {
    queue.add(uid, Priority.HIGH);
  }

  void start() {
    running = true;
    dispatch();
  }

  Uni<Void> stop() {
    running = false;
    stopped = true;
    queue.shutDown();
    if (active.get() == 0) {
      drained.complete(null);
    }
    return Uni.createFrom().completionStage(drained);
  }

  private void dispatch() {
    if (missed.getAndIncrement() != 0) {
      return;
    }
    int pending = 1;
    do {
      while (running && active.get() < workers) {
        active.incrementAndGet();
        Optional<Item<String>> item = queue.poll();
        if (item.isEmpty()) {
          release();
          break;
        }
        String uid = item.get().key();
        // Never on the caller's thread: items are added by the graph under its lock, and an item
        // must be looked at once the change that queued it is complete.
        Uni.createFrom()
            .deferred(() -> process.apply(uid))
            .runSubscriptionOn(executor)
            .subscribe()
            .with(again -> finish(uid, again, null), failure -> finish(uid, true, failure));
      }
      pending = missed.addAndGet(-pending);
    } while (pending != 0);
  }

  private void finish(String uid, boolean again, Throwable failure) {
    if (failure != null) {
      LOG.debugf("%s of %s failed, retry %d: %s", name, uid, queue.retries(uid), failure);
    }
    if (again) {
      queue.addRateLimited(uid, Priority.LOW);
    } else {
      queue.forget(uid);
    }
    queue.done(uid);
    release();
    dispatch();
  }

  private void release() {
    if (active.decrementAndGet() == 0 && stopped) {
      drained.complete(null);
    }
  }
}
